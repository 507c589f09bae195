# The first worker starts the second and joins it itself, so that every
# stretch that may touch anything (the two starts, the main thread's safe
# points after its join, its print) happens before or after both
# workers' updates of n, and only the footprints of their loads and
# stores of n say that the updates race. A reduction that ignored
# footprint conflicts would never run the second worker between the
# first's load and store, and would miss the lost update (the check
# wants n == 2). The handle is a global, so that the first worker's exit
# frees nothing (a stretch that frees may touch anything).
import thread

n = 0
h = None


def inc():
    global n
    n = n + 1


def first():
    global h, n
    h = thread.start(inc)
    n = n + 1
    thread.join(h)


# The main thread's only step between the start and its park is the
# join's call.
start, join = thread.start, thread.join
join(start(first))
print(n)
