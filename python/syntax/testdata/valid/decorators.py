# Decorators: names, attributes, calls, and PEP 614's general expressions.
@a
def f(): pass


@a.b.c
def g(): pass


@a(1)(2)
def h(): pass


@a[0]
def i(): pass


@(lambda f: f)
def j(): pass


@x if y else z
def k(): pass


@a
@b
@c
def m(): pass


@functools.lru_cache(maxsize=None)
def n(x):
    return x
