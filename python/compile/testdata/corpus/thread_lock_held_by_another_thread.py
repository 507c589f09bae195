import thread
lock = thread.Lock()
seen = []
def try_it():
    seen.append(lock.acquire(False))
    seen.append(lock.acquire(timeout=0.01))
lock.acquire()
h = thread.start(try_it)
thread.join(h)
lock.release()
h = thread.start(try_it)
thread.join(h)
print(seen, lock.locked())
