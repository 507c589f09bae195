# global, nonlocal, del, assert.
counter = 0


def bump():
    global counter
    counter += 1


def make():
    n = 0

    def inc():
        nonlocal n
        n += 1
        return n
    return inc


def f():
    global a, b, c
    x = 1

    def g():
        nonlocal x
        del x


del a
del a, b
del a[0], b.c
del (a, b)
del [a, b]
del (a), [b]
del a,
assert x
assert x, "message"
assert (x, y)
