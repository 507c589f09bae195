# Threads running closures, with a re-entrant lock taken twice by one thread.
import thread

log = []
guard = thread.RLock()


def make_task(label, n):
    def task():
        guard.acquire()
        try:
            guard.acquire()
            try:
                log.append((label, sum(range(n))))
            finally:
                guard.release()
        finally:
            guard.release()
    return task


handles = []
for label, n in [("small", 10), ("medium", 100), ("large", 1000)]:
    handles.append(thread.start(make_task(label, n)))
for h in handles:
    h.join()
print(sorted(log))
print(guard.acquire(False))
guard.release()
