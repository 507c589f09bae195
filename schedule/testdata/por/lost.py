# Two threads increment one global: one preemption between a thread's
# load and its store loses an update (the check wants n == 2).
import thread

n = 0


def inc():
    global n
    n = n + 1


x = thread.start(inc)
y = thread.start(inc)
thread.join(x)
thread.join(y)
print(n)
