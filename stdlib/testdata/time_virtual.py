# Under a deterministic scheduler the clocks read virtual time: a long
# sleep takes no real time and moves every clock by its length (and the
# few virtual microseconds the scheduler counts for each step).
import threading
import time

t0, m0, w0 = time.perf_counter_ns(), time.monotonic_ns(), time.time_ns()
time.sleep(1000)
print("perf", 1000e9 <= time.perf_counter_ns() - t0 < 1001e9)
print("mono", 1000e9 <= time.monotonic_ns() - m0 < 1001e9)
print("wall", 1000e9 <= time.time_ns() - w0 < 1001e9)
woke = []


def sleeper(n):
    time.sleep(n)
    woke.append(n)


threads = [threading.Thread(target=sleeper, args=(n,)) for n in (30, 10, 20)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("woke in order of their sleeps", woke)
print("time is the virtual epoch", 1704067200 <= time.time() < 1704067200 + 3600)
