# SystemExit ends a thread silently, as in CPython.
# exit: 0
# stdout: after
# cpython: same
import thread


def f():
    raise SystemExit(5)


thread.join(thread.start(f))
print("after")
