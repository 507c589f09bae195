# * and ** in calls, list/tuple/set displays and dict displays.
def show(*args, **kwargs):
    return "args=%r kwargs=%r" % (args, kwargs)


a = [1, 2]
b = (3,)
print(show(*a, *b, 4))
print(show(0, *range(3), sep="-", **{"end": "!"}))
d1 = {"x": 1, "y": 2}
d2 = {"y": 20, "z": 30}
print({**d1, **d2}, {**d2, **d1}, {**d1, "x": "override", **{}})
print([*a, *b, *"hi"], (*a, 9), [*range(3)], (*[],))
print(sorted({*a, *b, 2, 3}))
print(show(**d1, **{"w": 0}))
print(*[1, 2, 3], sep=", ")
print(*"abc")
try:
    show(**d1, **{"x": 5})
except TypeError as e:
    print(e)
try:
    show(*5)
except TypeError as e:
    print(e)
try:
    [*None]
except TypeError as e:
    print(e)
try:
    {**[1]}
except TypeError as e:
    print(e)
