def counter(start):
    count = start
    def bump(by=1):
        nonlocal count
        count += by
        return count
    return bump

c = counter(10)
print(c(), c(5), c())

def outer():
    x = "outer x"
    def middle():
        def inner():
            return x
        return inner
    return middle()()

print(outer())

def late():
    fns = []
    for i in range(3):
        def f():
            return i
        fns.append(f)
    out = []
    for g in fns:
        out.append(g())
    return out

print(late())

def unbound():
    def get():
        return v
    try:
        get()
    except NameError as e:
        print(type(e).__name__, e)
    v = 1
    del v
    try:
        print(v)
    except UnboundLocalError as e:
        print(type(e).__name__, e)

unbound()

def param_cell(a, b):
    def show():
        return a + b
    a = a * 10
    return show()

print(param_cell(2, 3))
print(counter.__qualname__, c.__qualname__, c.__name__)
print(c.__closure__ is not None, counter.__closure__)
