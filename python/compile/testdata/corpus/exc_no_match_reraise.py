def f():
    try:
        raise KeyError("x")
    except ValueError:
        print("wrong")
f()
