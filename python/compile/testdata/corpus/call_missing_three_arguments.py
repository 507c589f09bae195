def f(a, b, c):
    return a
try:
    f()
except TypeError as e:
    print(e)
