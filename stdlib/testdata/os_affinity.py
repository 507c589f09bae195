# os.sched_setaffinity and os.sched_getaffinity (Linux): CPython's errors,
# and a thread's placement staying with the thread.
import os
import threading
import time


def t(f):
    try:
        r = f()
        print("ok" if r is None else type(r).__name__)
    except BaseException as e:
        print(type(e).__name__, e)


t(lambda: os.sched_setaffinity(0, ["a"]))
t(lambda: os.sched_setaffinity(0, [-1]))
t(lambda: os.sched_setaffinity(0, [2**31]))
t(lambda: os.sched_setaffinity(0, [2**64]))
t(lambda: os.sched_setaffinity(0, [5000]))
t(lambda: os.sched_setaffinity(0, []))
t(lambda: os.sched_setaffinity(0, 3))
t(lambda: os.sched_setaffinity("x", [0]))
t(lambda: os.sched_setaffinity(2**40, [0]))
t(lambda: os.sched_setaffinity(2**70, [0]))
t(lambda: os.sched_setaffinity(-1, [0]))
t(lambda: os.sched_setaffinity(0))
t(lambda: os.sched_setaffinity(pid=0, mask=[0]))
t(lambda: os.sched_getaffinity())
t(lambda: os.sched_getaffinity(1.5))
t(lambda: os.sched_getaffinity(-1))
t(lambda: os.sched_getaffinity(0, 1))

everything = os.sched_getaffinity(0)
print(type(everything).__name__, len(everything) >= 1, all(type(c) is int for c in everything))
cpus = sorted(everything)
first, last = cpus[0], cpus[-1]

# Two threads each place themselves on one processor, then compute and
# sleep (where a goroutine could move to another OS thread) and read
# their placement again; the main thread's is untouched.
seen = {}


def placed(cpu, key):
    os.sched_setaffinity(0, {cpu})
    before = os.sched_getaffinity(0)
    x = 0
    for i in range(20000):
        x += i
    time.sleep(0.01)
    seen[key] = (before == {cpu}, os.sched_getaffinity(0) == {cpu})


threads = [threading.Thread(target=placed, args=(first, "first")),
           threading.Thread(target=placed, args=(last, "last"))]
for th in threads:
    th.start()
for th in threads:
    th.join()
print(seen["first"], seen["last"])
print(os.sched_getaffinity(0) == everything)

# The main thread places itself, a range works as a mask, and it puts
# itself back.
os.sched_setaffinity(0, range(last, last + 1))
print(os.sched_getaffinity(0) == {last})
time.sleep(0.01)
print(os.sched_getaffinity(0) == {last})
os.sched_setaffinity(0, everything)
print(os.sched_getaffinity(0) == everything)
