# An exception that ends a thread is printed; the program goes on.
# exit: 0
# stdout: after
# stderr: Exception in thread Thread-1:
# last: ValueError: boom
# cpython: the same, with threading (the traceback has threading's frames)
import thread


def f():
    raise ValueError("boom")


thread.join(thread.start(f))
print("after")
