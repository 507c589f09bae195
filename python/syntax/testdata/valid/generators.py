# Generators: yield, yield from, send, return values.
def counter(n):
    i = 0
    while i < n:
        received = yield i
        if received is not None:
            i = received
        i += 1
    return "done"


def delegate():
    result = yield from counter(3)
    yield result


def pairs():
    yield 1, 2
    yield (yield)
    x = yield
    y = yield from g()
    z = (yield x)
    return


def tup():
    yield *a, b
    return *a, b
