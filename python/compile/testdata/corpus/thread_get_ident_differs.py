import thread
me = thread.get_ident()
ids = []
def record():
    ids.append(thread.get_ident())
h1 = thread.start(record)
thread.join(h1)
h2 = thread.start(record)
thread.join(h2)
print(me == thread.get_ident(), ids[0] != me, ids[1] != me, len(ids))
