"""prodcons.py -- a producer and two consumers sharing a list under a lock.

The producer appends 0..999 to a shared queue, then one None per consumer;
each consumer pops items under the lock (sleeping briefly when the queue is
empty) until it takes a None, and adds what it took into a total of its
own. The totals must add up to sum(range(1000)) = 499500 under every
policy: every access to the queue holds the lock, and lock.acquire() and
thread.sleep() wait detached, as CPython releases the GIL.
"""
import thread

lock = thread.Lock()
queue = []
totals = []


def put(x):
    lock.acquire()
    queue.append(x)
    lock.release()


def produce(n, consumers):
    for i in range(n):
        put(i)
    for _ in range(consumers):
        put(None)  # one stop signal per consumer


def consume():
    total = 0
    while True:
        lock.acquire()
        item = queue.pop(0) if queue else "empty"
        lock.release()
        if item is None:
            break
        if item == "empty":
            thread.sleep(0.0001)
            continue
        total += item
    totals.append(total)


c1 = thread.start(consume)
c2 = thread.start(consume)
p = thread.start(produce, 1000, 2)
thread.join(p)
thread.join(c1)
thread.join(c2)
print("consumed total =", sum(totals), "expected 499500; consumers:", len(totals))
