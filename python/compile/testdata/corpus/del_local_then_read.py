def f():
    x = 1
    print(x)
    del x
    return x
f()
