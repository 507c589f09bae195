# Endless recursion: RecursionError, with the repeated frames collapsed
# as CPython collapses them.
# exit: 1
# stderr: [Previous line repeated 996 more times]
# last: RecursionError: maximum recursion depth exceeded
# cpython: same
def f(n):
    return f(n + 1)


f(0)
