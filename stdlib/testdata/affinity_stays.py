# A Python thread that places itself on one processor stays there: each
# of its threads (and the main thread) pins itself, then computes and
# sleeps 50 times -- where a goroutine not locked to its OS thread would
# wake on another -- reading its placement back each time. Prints the
# number of reads that found the thread elsewhere (0), then puts the main
# thread back. The Go test (affinity_linux_test.go) then checks that no OS
# thread of the process keeps a placement.
import os
import threading
import time

everything = os.sched_getaffinity(0)
cpus = sorted(everything)
moved = []


def placed(cpu):
    os.sched_setaffinity(0, {cpu})
    n = 0
    for _ in range(50):
        x = 0
        for i in range(2000):
            x += i
        time.sleep(0.001)
        if os.sched_getaffinity(0) != {cpu}:
            n += 1
    moved.append(n)


threads = [threading.Thread(target=placed, args=(cpus[i % len(cpus)],)) for i in range(4)]
for th in threads:
    th.start()
placed(cpus[-1])
for th in threads:
    th.join()
print("reads that found a thread elsewhere:", sum(moved), "of", 50 * len(moved))
