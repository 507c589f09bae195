# Four producers put 3000 numbered items each on one Queue; four
# consumers take them until each gets a sentinel. Nothing is lost or
# duplicated, and the consumers' takings show that the threads ran
# interleaved: each consumer got items from several producers, and the
# producers' items arrived mixed.
import queue
import threading

PRODUCERS = 4
CONSUMERS = 4
ITEMS = 3000
q = queue.Queue(maxsize=64)
got = [[] for _ in range(CONSUMERS)]
start = threading.Barrier(PRODUCERS + CONSUMERS)


def produce(p):
    start.wait()
    for i in range(ITEMS):
        q.put((p, i))


def consume(c):
    start.wait()
    mine = got[c]
    while True:
        item = q.get()
        q.task_done()
        if item is None:
            return
        mine.append(item)


producers = [threading.Thread(target=produce, args=(p,)) for p in range(PRODUCERS)]
consumers = [threading.Thread(target=consume, args=(c,)) for c in range(CONSUMERS)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(None)
q.join()
for t in consumers:
    t.join()
everything = sorted(item for mine in got for item in mine)
print("received", len(everything), "of", PRODUCERS * ITEMS)
print("all distinct and right", everything == sorted((p, i) for p in range(PRODUCERS) for i in range(ITEMS)))
# Each producer's items come out in the order it put them (one FIFO).
in_order = True
for mine in got:
    last = {}
    for p, i in mine:
        if i <= last.get(p, -1):
            in_order = False
        last[p] = i
print("per producer in order", in_order)
print("consumers that got items", sum(1 for mine in got if mine))
mixed = sum(1 for mine in got for a, b in zip(mine, mine[1:]) if a[0] != b[0])
print("producer switches", mixed)
print("unfinished", q.unfinished_tasks, "empty", q.empty())
