# Queue, LifoQueue, PriorityQueue and SimpleQueue: their orders, sizes,
# and the exceptions of put and get that do not wait.
import queue

fifo = queue.Queue()
lifo = queue.LifoQueue()
prio = queue.PriorityQueue()
simple = queue.SimpleQueue()
for x in [5, 1, 4, 2, 3]:
    fifo.put(x)
    lifo.put(x)
    prio.put(x)
    simple.put(x)
print("sizes", fifo.qsize(), lifo.qsize(), prio.qsize(), simple.qsize())
print("fifo", [fifo.get() for _ in range(5)])
print("lifo", [lifo.get() for _ in range(5)])
print("prio", [prio.get() for _ in range(5)])
print("simple", [simple.get() for _ in range(5)])
print("empty", fifo.empty(), simple.empty())

tasks = queue.PriorityQueue()
for job in [(2, "write"), (1, "read"), (3, "close"), (1, "open"), (0, "plan")]:
    tasks.put_nowait(job)
print([tasks.get_nowait() for _ in range(5)])

small = queue.Queue(maxsize=2)
small.put("a")
small.put("b", block=False)
print("full", small.full(), small.maxsize)
try:
    small.put("c", block=False)
except queue.Full:
    print("Full on put_nowait-style put")
try:
    small.put_nowait("c")
except queue.Full as e:
    print("Full", repr(e), isinstance(e, Exception))
try:
    small.put("c", timeout=0.01)
except queue.Full:
    print("Full after the timeout")
print(small.get(), small.get())
for q in (small, queue.LifoQueue(), queue.SimpleQueue()):
    try:
        q.get_nowait()
    except queue.Empty as e:
        print(type(q).__name__, "Empty", type(e).__module__, repr(e))
try:
    small.get(timeout=0.01)
except queue.Empty:
    print("Empty after the timeout")
try:
    small.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)
print("unfinished", small.unfinished_tasks)
small.task_done()
small.task_done()
try:
    small.task_done()
except ValueError as e:
    print("ValueError:", e)
small.put(1)
print("unfinished", small.unfinished_tasks)
small.get()
small.task_done()
small.join()
print("joined, unfinished", small.unfinished_tasks)
print("negative maxsize means unbounded:", queue.Queue(-1).full())
