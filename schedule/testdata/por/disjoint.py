# Two threads that each update a global of their own and read a shared
# one: only the reads of `shared` and the main thread's final reads
# interleave with anything, so the reduction needs few schedules.
import thread

shared = 7
a = 0
b = 0


def one():
    global a
    a = a + shared


def two():
    global b
    b = b + shared


x = thread.start(one)
y = thread.start(two)
thread.join(x)
thread.join(y)
print(a, b)
