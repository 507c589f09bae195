# vars() of instances and classes; object() and its attributes.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(vars(p), p.__dict__ is vars(p))
vars(p)["z"] = 0
print(p.z, sorted(k for k in vars(Point) if not k.startswith("__")))
print(vars(Point)["dims"], "norm1" in vars(Point), "norm1" in vars(p))
o = object()
print(type(o).__name__, isinstance(p, object), o == o, o != object())
try:
    o.attr = 1
except AttributeError as e:
    print(e)
try:
    vars(5)
except TypeError as e:
    print(e)
print(object.__name__, Point.__name__, Point.__bases__[0] is object)
