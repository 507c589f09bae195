# An exception raised in finally replaces the one in flight.
def f():
    try:
        raise ValueError("first")
    finally:
        raise KeyError("second")


try:
    f()
except KeyError as e:
    print("caught", repr(e), "context:", repr(e.__context__))
f()
