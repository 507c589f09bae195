def f(a, b, c=0):
    return [a, b, c]
args = (1, 2)
print(f(*args))
print(f(*[1], **{"b": 5, "c": 6}))
print(f(*(), **{"a": 7, "b": 8}))
print(*("x", "y"), **{"sep": "-"})
