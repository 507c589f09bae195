def f():
    try:
        raise ValueError("orig")
    except ValueError:
        print("handling")
        raise
f()
