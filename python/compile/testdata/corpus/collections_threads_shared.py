# Threads sharing a deque (appends and poplefts, each atomic), a Counter
# updated under a lock, and an lru_cache: whatever the interleaving,
# nothing is lost, doubled or miscounted.
import threading
from collections import Counter, deque
from functools import lru_cache

N = 150
jobs = deque()
done = deque()
tally = Counter()
lock = threading.Lock()


@lru_cache(maxsize=16)
def cost(n):
    return n % 7


def producer(tid):
    for i in range(N):
        jobs.append((tid, i))


def consumer():
    while True:
        try:
            tid, i = jobs.popleft()
        except IndexError:
            if finished.is_set() and not jobs:
                return
            continue
        done.append((tid, i))
        with lock:
            tally[tid] += cost(i)


finished = threading.Event()
producers = [threading.Thread(target=producer, args=(t,)) for t in range(3)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
finished.set()
for t in consumers:
    t.join()
print("done", len(done), "distinct", len(set(done)), "left", len(jobs))
print("tally", sorted(tally.items()))
info = cost.cache_info()
print("cache", info.hits + info.misses, info.currsize)
