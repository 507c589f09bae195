def f(a, b, c):
    return a
try:
    f(1)
except TypeError as e:
    print(e)
try:
    f(1, 2)
except TypeError as e:
    print(e)
try:
    f(c=3)
except TypeError as e:
    print(e)
