import thread
print(thread.sleep(0), thread.sleep(0.001))
try:
    thread.sleep(-1)
except ValueError as e:
    print(e)
