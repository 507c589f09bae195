# concurrent.futures: a thread pool's map, submit, as_completed, wait,
# Future's states and callbacks, shutdown, and a pool never shut down.
import concurrent.futures as cf
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED
import threading, time

def square(x):
    return x * x

with ThreadPoolExecutor(max_workers=3) as ex:
    print(list(ex.map(square, range(8))))
    futs = {ex.submit(square, i): i for i in range(5)}
    print(sorted((futs[f], f.result()) for f in as_completed(futs)))
    f = ex.submit(pow, 2, 10)
    print(f.result(), f.done(), f.cancelled(), f.exception())
    bad = ex.submit(lambda: 1 / 0)
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("raised:", e, type(bad.exception()).__name__)
    done, not_done = wait([ex.submit(square, 3)])
    print(len(done), len(not_done))
    names = set(ex.map(lambda _: threading.current_thread().name.rsplit("_", 1)[0], range(6)))
    print(sorted(n.startswith("ThreadPoolExecutor-") for n in names))
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print(e)
calls = []
fut = cf.Future()
fut.add_done_callback(lambda f: calls.append(f.result()))
fut.set_result(42)
print(calls, repr(fut).split(" at ")[0], "state=finished returned int" in repr(fut))
try:
    fut.set_result(1)
except cf.InvalidStateError:
    print("InvalidStateError")
p = cf.Future()
print(p.cancel(), p.cancelled(), p.done())
try:
    p.result()
except cf.CancelledError:
    print("CancelledError")
try:
    cf.Future().result(timeout=0.01)
except TimeoutError:
    print("TimeoutError")
lock = threading.Lock()
total = [0]
def add(n):
    with lock:
        total[0] += n
ex2 = ThreadPoolExecutor(4)
for i in range(100):
    ex2.submit(add, i)
ex2.shutdown()
print(total[0])
# No shutdown: the program still ends, with every call run.
ex3 = ThreadPoolExecutor(1)
for i in range(3):
    ex3.submit(print, "late", i)
