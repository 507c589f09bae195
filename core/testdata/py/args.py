def f(a, b, /, c, d=4, *rest, e, g=7, **kw):
    print(a, b, c, d, rest, e, g, kw)

f(1, 2, 3, e=5)
f(1, 2, c=3, d=9, e=5, z=0, b=8)
f(1, 2, 3, 4, 5, 6, e=0, g=1)

def h(x, *, k):
    return x, k

def p(a, b, /):
    return a + b

def n():
    pass

def calls():
    yield lambda: h(1, 2, k=3)
    yield lambda: h(1, k=2, x=3)
    yield lambda: h(k=1)
    yield lambda: h(1)
    yield lambda: h(1, k=2, j=3)
    yield lambda: p(1, b=2)
    yield lambda: p(a=1, b=2)
    yield lambda: n(1)
    yield lambda: n(1, 2)
    yield lambda: f()
    yield lambda: f(1, 2)
    yield lambda: f(1, 2, 3)

for call in calls():
    try:
        call()
    except TypeError as exc:
        print(exc)
