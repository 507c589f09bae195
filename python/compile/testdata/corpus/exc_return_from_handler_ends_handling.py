def f():
    try:
        raise ValueError("x")
    except ValueError:
        return "returned from handler"
print(f())
try:
    raise
except RuntimeError as e:
    print(e)
