def outer(a, b=1, *args, k, **kw):
    c = a
    def inner(x):
        nonlocal c
        c += x
        return c + b
    def reader():
        return k, kw, args
    return inner, reader

def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    return bump

def deep():
    v = 1
    def mid():
        def leaf():
            return v
        return leaf
    return mid

def shadow(v):
    def g(v):
        return v
    return g

x = 1
def uses_global():
    global x
    x = 2
    return y

def lam(p):
    return lambda q, r=p: p + q + r
