"""E3's phase-change workload: a mix of work that changes during the run.

usage: phases.py THREADS UNITS K F...

THREADS threads run one phase per F, one after another, separated by a
barrier: in a phase each thread does UNITS units of amdahl.py's work at
that fraction F -- a core part, a Python loop of K additions, and a call
into the unported module legacy_work of the length that makes the call
the fraction F of a unit's time on one thread. So a lock that adapts to
the mix meets first one mix, then another. Prints one JSON line:
{"threads", "units", "fractions", "seconds", "gil", "core_us"}: units
per thread per phase, each phase's seconds (first start to last end),
and whether sys._is_gil_enabled() said True at the end of each phase.

Under CPython there is no legacy_work: the call is a Python busy loop of
the same length, as in amdahl.py.
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


def gil_enabled():
    f = getattr(sys, "_is_gil_enabled", None)
    return True if f is None else f()


def main(argv):
    threads = int(argv[1])
    units = int(argv[2])
    k = int(argv[3])
    fractions = [float(a) for a in argv[4:]]
    core_ns = calibrate(k)
    barrier = threading.Barrier(threads)
    seconds = []
    gil = []
    for f in fractions:
        kf = k
        if f >= 1:
            kf = 0
            call_ns = core_ns
        else:
            call_ns = int(core_ns * f / (1 - f))
        spans = []

        def worker():
            barrier.wait()
            t0 = time.perf_counter()
            for _ in range(units):
                if kf:
                    core(kf)
                if call_ns:
                    call(call_ns)
            spans.append((t0, time.perf_counter()))

        ts = [threading.Thread(target=worker) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        seconds.append(max(end for _, end in spans) - min(begin for begin, _ in spans))
        gil.append(gil_enabled())
    print(json.dumps({"threads": threads, "units": units, "fractions": fractions, "seconds": seconds,
                      "gil": gil, "core_us": core_ns / 1000}))


main(sys.argv)
