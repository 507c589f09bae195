# exit: 1
# last: RecursionError: maximum recursion depth exceeded
# cpython: same
def even(n):
    return odd(n + 1)


def odd(n):
    return even(n + 1)


even(0)
