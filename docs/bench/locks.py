#!/usr/bin/env python3
"""Time the native locking layer's fast path beside its baselines and
CPython's threading.Lock, interleaved in rounds on one machine.

usage: locks.py TESTBINARY ROUNDS CPYTHON...

TESTBINARY is core's test binary (go test -c -o core.test ./core). Each
round runs BenchmarkLock once (sync.Mutex, eml.Mutex, Lock, RLock: one
uncontended acquire and release each) and then, in each CPYTHON, timeit
of lock.acquire(); lock.release() on a threading.Lock and an RLock.
Prints each figure's median over rounds in ns, and Lock over eml.Mutex
and over sync.Mutex per round.
"""
import re, statistics, subprocess, sys

binary, rounds, pythons = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
samples = {}
ratios = {"Lock/eml.Mutex": [], "Lock/sync.Mutex": []}
stmt = {"threading.Lock": "l = threading.Lock()", "threading.RLock": "l = threading.RLock()"}
for _ in range(rounds):
    out = subprocess.run([binary, "-test.run", "^$", "-test.bench", "^BenchmarkLock$",
                          "-test.benchtime", "2000000x"], capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        m = re.match(r"BenchmarkLock/(\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op", line)
        if m:
            got[m.group(1)] = float(m.group(3))
    for k, v in got.items():
        samples.setdefault(k, []).append(v)
    ratios["Lock/eml.Mutex"].append(got["Lock"] / got["eml.Mutex"])
    ratios["Lock/sync.Mutex"].append(got["Lock"] / got["sync.Mutex"])
    for py in pythons:
        for name, setup in stmt.items():
            t = subprocess.run([py, "-m", "timeit", "-n", "2000000", "-s", "import threading; " + setup,
                                "l.acquire(); l.release()"], capture_output=True, text=True, check=True).stdout
            m = re.search(r"([\d.]+) (nsec|usec) per loop", t)
            ns = float(m.group(1)) * (1000 if m.group(2) == "usec" else 1)
            samples.setdefault("%s %s" % (py, name), []).append(ns)
for k, v in samples.items():
    print("%-60s %8.1f ns  (%.1f-%.1f)" % (k, statistics.median(v), min(v), max(v)))
for k, v in ratios.items():
    print("%-60s %8.2fx (%.2f-%.2f)" % (k, statistics.median(v), min(v), max(v)))
