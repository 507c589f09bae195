"""cpu.py -- a CPU-bound loop on two threads.

Each thread computes a checksum of 200,000 steps of integer arithmetic on
its own locals: no shared object is touched in the loop. Under eml and free
the threads run at once on two cores; under gil they take turns, switching
at the loop's backward jump every switch interval. The results are the
same everywhere, and CPython's: [55185, 313417].
"""
import thread

results = []


def work(seed):
    acc = seed
    for i in range(200000):
        acc = (acc * 31 + i) % 1000003
    results.append(acc)


a = thread.start(work, 1)
b = thread.start(work, 2)
thread.join(a)
thread.join(b)
print(sorted(results))
