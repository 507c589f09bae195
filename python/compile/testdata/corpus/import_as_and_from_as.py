# import x as y, and from x import a, b as c.
import thread as threads
from thread import Lock, RLock as Reentrant, start as spawn, join

lock = Lock()
r = Reentrant()
print(lock.acquire(), lock.locked(), r.acquire(), r.acquire())
lock.release()
r.release()
r.release()
print(lock.locked())

results = []
h = spawn(results.append, "from a thread")
join(h)
print(results, threads.Lock is Lock)
import thread
print(thread is threads, thread.RLock is Reentrant)
