# collections.namedtuple: fields, defaults, _make, _asdict, _replace,
# rename, the repr, tuple behaviour, and the errors.
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(3, y=4)
print(p, p.x, p.y, p[0], p[-1], len(p))
print(Point._fields, p._asdict(), p._replace(x=10), Point._make([5, 6]))
print(p == (3, 4), hash(p) == hash((3, 4)), isinstance(p, tuple), type(p).__name__)
x, y = p
print(x + y, sum(p), max(p), list(p), tuple(p), p + (5,))
print(sorted([Point(2, 1), Point(1, 9), Point(1, 2)]))
Config = namedtuple("Config", ["host", "port", "debug"], defaults=[8080, False])
print(Config("localhost"), Config("h", 1, True), Config._field_defaults)
Row = namedtuple("Row", "id, name, class, id", rename=True)
print(Row._fields, Row(1, "a", "b", 2))
print(Point.__doc__, Point.__name__)


class Vec(namedtuple("Vec", "x y")):
    def norm2(self):
        return self.x * self.x + self.y * self.y


v = Vec(1, 2)
print(v, v.norm2(), v._replace(y=5).norm2())

for bad in [lambda: Point(1, 2, 3), lambda: Point(1), lambda: Point(1, 2, z=3), lambda: Point._make([1])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
for names in ["a b a", "a _b", "a class", "a 1b"]:
    try:
        namedtuple("T", names)
    except ValueError as e:
        print("ValueError:", e)
try:
    p._replace(z=1)
except ValueError as e:
    print("ValueError:", e)
