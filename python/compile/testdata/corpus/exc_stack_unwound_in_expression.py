def f():
    raise ValueError("in arg")
try:
    x = [1, "two", (3,), f()]
except ValueError as e:
    print("caught", e)
print("ok")
