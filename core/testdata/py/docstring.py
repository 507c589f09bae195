def f():
    "the doc"
    return 1

def g():
    return 2

print(f.__doc__, g.__doc__, f(), g())
