"""E3's workload: a fraction of each thread's work inside an unported call.

usage: amdahl.py F THREADS UNITS K

Each of THREADS threads does UNITS units of work. A unit is a core part
-- a Python loop of K additions -- and a call into the unported module
legacy_work whose length is chosen so that the call is the fraction F
(0 to 1) of a unit's time on one thread: the serial part of Amdahl's
law, since under eml every unported call stops the world. The core part's
time is measured first, on the main thread alone. Prints one JSON line:
{"f", "threads", "units", "seconds", "core_us", "call_us"}.

Under CPython there is no legacy_work: the call is a Python busy loop of
the same length, which holds the GIL as an unported C function would
(under a free-threaded CPython it does not, and F means nothing).
"""
import json
import sys
import threading
import time

try:
    import legacy_work

    def call(ns):
        legacy_work.spin(ns)
except ImportError:
    def call(ns):
        end = time.perf_counter_ns() + ns
        while time.perf_counter_ns() < end:
            pass


def core(k):
    x = 0
    for i in range(k):
        x = x + i
    return x


def calibrate(k):
    times = []
    for _ in range(9):
        t0 = time.perf_counter_ns()
        core(k)
        times.append(time.perf_counter_ns() - t0)
    times.sort()
    return times[len(times) // 2]


def main(argv):
    f = float(argv[1])
    threads = int(argv[2])
    units = int(argv[3])
    k = int(argv[4])
    core_ns = calibrate(k)
    if f >= 1:
        k = 0
        call_ns = core_ns
    else:
        call_ns = int(core_ns * f / (1 - f))
    start = threading.Barrier(threads)
    spans = []

    def worker():
        start.wait()
        t0 = time.perf_counter()
        for _ in range(units):
            if k:
                core(k)
            if call_ns:
                call(call_ns)
        spans.append((t0, time.perf_counter()))

    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    seconds = max(end for _, end in spans) - min(begin for begin, _ in spans)
    print(json.dumps({"f": f, "threads": threads, "units": units * threads, "seconds": seconds,
                      "core_us": core_ns / 1000, "call_us": call_ns / 1000}))


main(sys.argv)
