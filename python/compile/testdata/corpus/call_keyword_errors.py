def f(a, b):
    return a
def r(a, *rest):
    return rest
try:
    f(1, 2, d=4)
except TypeError as e:
    print(e)
try:
    f(1, a=2)
except TypeError as e:
    print(e)
try:
    f(*(1,), **{"a": 2})
except TypeError as e:
    print(e)
try:
    r(1, 2, rest=3)
except TypeError as e:
    print(e)
