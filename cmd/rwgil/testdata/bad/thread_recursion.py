# exit: 0
# stdout: after
# stderr: Exception in thread Thread-1:
# last: RecursionError: maximum recursion depth exceeded
# cpython: the same, with threading
import thread


def f():
    return f()


thread.join(thread.start(f))
print("after")
