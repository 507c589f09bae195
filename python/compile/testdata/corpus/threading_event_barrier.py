# Event hands a start signal to waiting threads; a Barrier lines them up,
# runs its action once, and breaks on abort.
import threading

go = threading.Event()
ready = threading.Barrier(3)
arrived = []
arrived_lock = threading.Lock()
actions = []
phases = threading.Barrier(3, action=lambda: actions.append("all here"))


def runner(i):
    go.wait()
    index = ready.wait()
    with arrived_lock:
        arrived.append(index)
    phases.wait()


threads = [threading.Thread(target=runner, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
print("set before:", go.is_set())
go.set()
for t in threads:
    t.join()
print("indices:", sorted(arrived))
print("actions:", actions)
print("wait on set event:", go.wait(), go.wait(0))
go.clear()
print("wait after clear:", go.wait(0.01))
print(ready.parties, ready.n_waiting, ready.broken)

broken = threading.Barrier(2)
errors = []


def waiter():
    try:
        broken.wait()
    except threading.BrokenBarrierError:
        errors.append("broken")


t = threading.Thread(target=waiter)
t.start()
while broken.n_waiting == 0:
    pass
broken.abort()
t.join()
print(errors, broken.broken)
try:
    broken.wait()
except threading.BrokenBarrierError as e:
    print("BrokenBarrierError", isinstance(e, RuntimeError))
broken.reset()
print("after reset:", broken.broken)
try:
    threading.Barrier(2).wait(timeout=0.01)
except threading.BrokenBarrierError:
    print("timed out: broken")
