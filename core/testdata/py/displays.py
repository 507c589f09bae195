a = [1, 2]
b = (3,)
print([*a, *b, 4], (*a, 0), {*a, *b, 2}, {**{"x": 1}, "y": 2, **{"x": 3}})

def f(*args, **kwargs):
    return args, kwargs

print(f(*a, *b, 5, **{"k": 1}, z=2))
print(f(*"hi"), f(**{}))
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
x, y, *rest = [1, 2]
print(x, y, rest)
name = "world"
width = 9
print(f"hello {name!r:>{width}}|{3.14159:.2f}|{name!s}|{'é'!a}|{width:#x}|{name}")
print(f"{'nested'}" + f"{width}" f"!", f"{name=}", f"{{}}{width:{'0'}{width}}")
try:
    print(*1)
except TypeError as e:
    print(e)
try:
    [*a, *1]
except TypeError as e:
    print(e)
try:
    {**a}
except TypeError as e:
    print(e)
try:
    f(**{"k": 1}, **{"k": 2})
except TypeError as e:
    print(e)
try:
    f(**a)
except TypeError as e:
    print(e)
try:
    p, *q, r = [1]
except ValueError as e:
    print(e)
try:
    p, *q = 7
except TypeError as e:
    print(e)
try:
    assert x == 2, "x is " + str(x)
except AssertionError as e:
    print("assert:", e)
from builtins import *
print(abs(-3), min(2, 1))
assert x == 1
