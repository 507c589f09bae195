# A Semaphore lets at most two threads in at once; BoundedSemaphore
# refuses an extra release; a Timer fires, and a cancelled one does not.
import threading

slots = threading.Semaphore(2)
inside = 0
most = 0
count_lock = threading.Lock()
entered = threading.Barrier(2)


def visit(i):
    global inside, most
    with slots:
        with count_lock:
            inside += 1
            most = max(most, inside)
        with count_lock:
            inside -= 1


threads = [threading.Thread(target=visit, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("most inside at once <= 2:", most <= 2, "inside now:", inside)

s = threading.Semaphore(1)
print(s.acquire(), s.acquire(blocking=False), s.acquire(timeout=0.01))
s.release()
s.release(2)
print(s.acquire(), s.acquire(), s.acquire(), s.acquire(blocking=False))
try:
    s.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)

b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)

fired = []
t = threading.Timer(0.01, fired.append, args=["fired"])
t.start()
t.join()
c = threading.Timer(30, fired.append, args=["never"])
c.start()
c.cancel()
c.join()
print(fired, t.name.startswith("Thread-"), c.finished.is_set())
