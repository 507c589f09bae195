# sys.getrefcount of a module-level function before and after the first
# thread starts: under biased counting the start makes it immortal (the
# count CPython 3.13's free-threaded build reports for it is 2**32-1),
# unless -no-immortalize.
import sys
import threading


def f():
    pass


print(sys.getrefcount(f) < 100)
t = threading.Thread(target=f)
t.start()
t.join()
print(sys.getrefcount(f) == 2**32 - 1)
