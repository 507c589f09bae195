# Two threads swap two globals through locals: under one preemption the
# swaps interleave and a value is duplicated (the check wants {1, 2}).
import thread

p = 1
q = 2


def swap():
    global p, q
    t = p
    p = q
    q = t


x = thread.start(swap)
y = thread.start(swap)
thread.join(x)
thread.join(y)
print(p, q)
