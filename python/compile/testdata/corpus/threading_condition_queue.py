# A bounded buffer built on a Condition: producers wait while it is full,
# consumers while it is empty; wait_for, notify and notify_all.
import threading

buffer = []
capacity = 2
cond = threading.Condition()
consumed = []
done_producing = 0


def producer(base):
    global done_producing
    for i in range(5):
        with cond:
            cond.wait_for(lambda: len(buffer) < capacity)
            buffer.append(base + i)
            cond.notify_all()
    with cond:
        done_producing += 1
        cond.notify_all()


def consumer():
    while True:
        with cond:
            cond.wait_for(lambda: buffer or done_producing == 2)
            if not buffer:
                return
            consumed.append(buffer.pop(0))
            cond.notify_all()


threads = [threading.Thread(target=producer, args=(b,)) for b in (0, 100)]
threads += [threading.Thread(target=consumer) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(consumed))
print(len(consumed), buffer)

with cond:
    print("timed out:", cond.wait(0.01))
    print("wait_for returns the predicate's value:", cond.wait_for(lambda: 42, timeout=0.01))
    print("falsy after the timeout:", cond.wait_for(lambda: [], timeout=0.01))
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cond.wait()
except RuntimeError as e:
    print("RuntimeError:", e)

lock_cond = threading.Condition(threading.Lock())
with lock_cond:
    lock_cond.notify(2)
print("plain Lock condition ok")
