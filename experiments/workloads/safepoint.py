"""E4's workload: stops of the world while threads are busy.

usage: safepoint.py THREADS STOPS

THREADS threads run core work (a loop that calls a small function) until
told to stop; meanwhile the main thread makes STOPS calls into the
unported module legacy_work, a millisecond apart. Under eml each call
stops the world, and the runtime's statistics give the time from each
stop request to every busy thread parked at a safe point. Prints one JSON
line: {"threads", "stops", "seconds", "iterations"}. rwgil only: CPython
has no legacy_work, and its stops are not visible from Python.
"""
import json
import sys
import threading
import time

import legacy_work


def add(x, i):
    return x + i


def main(argv):
    threads = int(argv[1])
    stops = int(argv[2])
    done = threading.Event()
    running = threading.Barrier(threads + 1)
    counts = []

    def busy():
        running.wait()
        x = 0
        n = 0
        while not done.is_set():
            for i in range(200):
                x = add(x, i)
            n += 200
        counts.append(n)

    ts = [threading.Thread(target=busy) for _ in range(threads)]
    for t in ts:
        t.start()
    running.wait()
    t0 = time.perf_counter()
    for _ in range(stops):
        legacy_work.spin(0)
        time.sleep(0.001)
    seconds = time.perf_counter() - t0
    done.set()
    for t in ts:
        t.join()
    print(json.dumps({"threads": threads, "stops": stops, "seconds": seconds, "iterations": sum(counts)}))


main(sys.argv)
