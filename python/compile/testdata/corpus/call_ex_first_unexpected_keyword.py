def f(a):
    return a
try:
    f(1, **{"p": 1, "q": 2, "r": 3, "s": 4, "t": 5, "u": 6})
except TypeError as e:
    print(e)
