# Threads keep their counts exact under a Lock while the main thread
# changes the switch interval as they run.
import sys
import threading

counts = [0, 0, 0]
lock = threading.Lock()
total = 0
stop = threading.Event()


def count(i):
    global total
    for _ in range(3000):
        with lock:
            counts[i] += 1
            total += 1


threads = [threading.Thread(target=count, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for interval in (0.0001, 0.001, 0.0005, 0.005):
    sys.setswitchinterval(interval)
for t in threads:
    t.join()
print(counts, total, sys.getswitchinterval())
