# time: the clocks move forward, sleep waits at least as long as asked,
# and bad durations raise what CPython raises.
import time

start = time.perf_counter()
mono = time.monotonic()
time.sleep(0.02)
print("perf_counter advanced >= 0.02:", time.perf_counter() - start >= 0.02)
print("monotonic advanced:", time.monotonic() > mono)
print("ns clocks are ints:", all(isinstance(f(), int) for f in (time.time_ns, time.perf_counter_ns, time.monotonic_ns, time.process_time_ns)))
print("float clocks are floats:", all(isinstance(f(), float) for f in (time.time, time.perf_counter, time.monotonic, time.process_time)))
print("time is after 2020:", time.time() > 1577836800)
print("ns and seconds agree:", abs(time.time_ns() / 1e9 - time.time()) < 5)
print("process_time >= 0:", time.process_time() >= 0)
time.sleep(0)
time.sleep(True)
for bad in (-1, -0.5, "1", None, float("nan")):
    try:
        time.sleep(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    time.sleep()
except TypeError as e:
    print("TypeError:", e)
