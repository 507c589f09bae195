# Four threads add to one counter under a Lock, an RLock and a
# with-statement: the total is exact.
import threading

counter = 0
lock = threading.Lock()
rlock = threading.RLock()


def add(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1


def add_reentrant(times):
    global counter
    for _ in range(times):
        with rlock:
            with rlock:
                with lock:
                    counter += 1


threads = [threading.Thread(target=add, args=(500,)) for _ in range(4)]
threads += [threading.Thread(target=add_reentrant, args=(250,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter)
print("lock free:", not lock.locked())
print(lock.acquire(), lock.acquire(blocking=False), lock.acquire(timeout=0.01))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    rlock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    lock.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
