# Four threads append their number to one list under a Lock, many times,
# and bump a shared counter under it: nothing is lost, and the list shows
# that the threads ran interleaved (switches between writers).
import threading

N = 4
ROUNDS = 2000
lock = threading.Lock()
order = []
counter = 0
start = threading.Barrier(N)


def work(me):
    global counter
    start.wait()
    for _ in range(ROUNDS):
        with lock:
            counter += 1
            order.append(me)


threads = [threading.Thread(target=work, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
print("counter", counter, "expected", N * ROUNDS)
print("per thread", [order.count(i) for i in range(N)])
print("switches", switches)
