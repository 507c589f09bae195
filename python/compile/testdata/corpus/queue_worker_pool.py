# A pool of worker threads takes jobs from a Queue and puts results on
# another; task_done and join tell the main thread when all are done;
# None stops each worker.
import queue
import threading

jobs = queue.Queue()
results = queue.Queue()


def worker(name):
    handled = 0
    while True:
        n = jobs.get()
        if n is None:
            jobs.task_done()
            results.put((name, "handled", handled))
            return
        results.put((n, n * n))
        handled += 1
        jobs.task_done()


workers = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
for w in workers:
    w.start()
for n in range(25):
    jobs.put(n)
jobs.join()
print("all jobs done, unfinished:", jobs.unfinished_tasks)
squares = sorted(results.get() for _ in range(25))
print(squares[:5], squares[-1])
print("sum of squares:", sum(sq for _, sq in squares))
for _ in workers:
    jobs.put(None)
for w in workers:
    w.join()
reports = sorted(results.get() for _ in workers)
print([r[0] for r in reports], "handled in all:", sum(r[2] for r in reports))
print("results left:", results.qsize())
