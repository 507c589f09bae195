# Every kind of parameter in one signature.
def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    return (a, b, c, args, d, e, kw)


print(f(1, d=4))
print(f(1, 20, 30, 40, 50, d=4))
print(f(1, c=33, d=44, e=55, z=0))
print(f(*[1, 2, 3, 4], **{"d": 9, "extra": True}))

try:
    f(1, 2, 3)
except TypeError as e:
    print(e)

# a is positional-only, so a=1 is just another keyword for **kw.
print(f(1, a=1, d=2))

try:
    f(1, 2, c=3, c2=4)
except TypeError as e:
    print(e)

try:
    f(1, 2, 3, c=4, d=5)
except TypeError as e:
    print(e)

g = lambda x, /, y=1, *r, z, **k: (x, y, r, z, k)
print(g(0, z=9))
print(g(0, 1, 2, 3, z=4, w=5))
