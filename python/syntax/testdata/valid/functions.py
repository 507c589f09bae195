# def with every parameter kind: positional, defaults, *args, keyword-only,
# **kwargs, positional-only.
def f():
    pass


def g(a, b):
    return a + b


def h(a, b=1, c=2):
    return a


def i(*args):
    return args


def j(**kwargs):
    return kwargs


def k(a, *args, b, c=3, **kwargs):
    return a


def m(a, b, /, c, d=4, *, e, f=5):
    return a


def n(a=1, /, b=2):
    pass


def o(a, /):
    pass


def p(*, a):
    pass


def q(a, b=2, /, c=3, *d, e, f=6, g, **h):
    pass


def r(x,):
    pass


def s(*args, **kwargs,):
    pass


def outer():
    def inner():
        return 1
    return inner


def gen():
    yield 1
    yield
    x = yield 2
    yield from range(3)
    return 4
