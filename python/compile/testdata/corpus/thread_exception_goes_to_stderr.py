import thread
def bad(msg):
    raise ValueError(msg)
h = thread.start(bad, "boom")
thread.join(h)
print("main continues")
