# Four threads append to one deque (each append atomic, as in CPython
# 3.13t) and count in one Counter under a threading.Lock; two more pop
# from a second deque while two push to it. Nothing may be lost or
# duplicated, each thread's appends keep their order, and "switches"
# (consecutive deque items from different threads) is the evidence that
# the threads ran at the same time. Four threads share an lru_cache:
# every call is counted once, as a hit or a miss, and the cache keeps
# its size.
import threading
from collections import Counter, deque

N = 2000
log = deque()
counts = Counter()
lock = threading.Lock()


def produce(tid):
    for i in range(N):
        log.append((tid, i))
        with lock:
            counts[tid] += 1
            counts.update(["all"])


threads = [threading.Thread(target=produce, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
items = list(log)
print("appended", len(items), "of", 4 * N)
in_order = all([i for (t, i) in items if t == tid] == list(range(N)) for tid in range(4))
print("each thread in order", in_order)
print("counted", sorted(counts.items(), key=str))
switches = sum(1 for a, b in zip(items, items[1:]) if a[0] != b[0])

queue = deque()
popped = []
done = threading.Event()


def push(tid):
    for i in range(N):
        queue.append(tid * N + i)


def pop():
    while True:
        try:
            popped.append(queue.popleft())
        except IndexError:
            if done.is_set() and not queue:
                return


pushers = [threading.Thread(target=push, args=(t,)) for t in range(2)]
poppers = [threading.Thread(target=pop) for _ in range(2)]
for t in pushers + poppers:
    t.start()
for t in pushers:
    t.join()
done.set()
for t in poppers:
    t.join()
print("popped", len(popped), "distinct", len(set(popped)), "left", len(queue))
from functools import lru_cache


@lru_cache(maxsize=50)
def square(n):
    return n * n


wrong = []


def lookups(tid):
    for i in range(N):
        if square(i % 80) != (i % 80) ** 2:
            wrong.append(i)


threads = [threading.Thread(target=lookups, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
info = square.cache_info()
print("cache calls", 4 * N, "hits+misses", info.hits + info.misses, "currsize", info.currsize, "wrong", len(wrong))
print("switches", switches)
