# Worker threads take jobs from a shared list under a lock.
import thread

jobs = list(range(1, 21))
results = {}
lock = thread.Lock()


def worker(wid):
    while True:
        lock.acquire()
        try:
            if not jobs:
                return
            job = jobs.pop()
        finally:
            lock.release()
        value = sum(i * i for i in range(job))
        lock.acquire()
        results[job] = value
        lock.release()


handles = [thread.start(worker, w) for w in range(3)]
for h in handles:
    thread.join(h)
print(len(results), sum(results.values()))
print([results[j] for j in sorted(results)][:5])
