# Classes deriving from tuple: __new__ with super().__new__, methods and
# properties over the items, hashing, unpacking and comparison.


class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    @property
    def y(self):
        return self[1]

    def __add__(self, other):
        return Point(self.x + other[0], self.y + other[1])

    def __repr__(self):
        return "Point(x=%r, y=%r)" % (self.x, self.y)


p = Point(1, 2)
q = p + Point(10, 20)
print(p, q, q.x, q.y, len(q))
a, b = q
print(a, b, tuple(q), type(tuple(q)).__name__)
print(p == (1, 2), p < (1, 3), hash(p) == hash((1, 2)))
seen = {p: "origin-ish"}
print(seen[(1, 2)], (1, 2) in seen, Point(1, 2) in seen)
print(isinstance(p, tuple), type(p).__name__, p.count(1), p.index(2))
print(sorted([Point(3, 1), Point(1, 5), Point(1, 2)]))
print(p[0:1], type(p[0:1]).__name__, p[:], type(p[:]).__name__)


class Pair(tuple):
    pass


pr = Pair([4, 5])
print(pr, pr + (6,), type(pr + (6,)).__name__, pr * 2)
pr.label = "seen"
print(pr.label, vars(pr))
print(Pair(), len(Pair()), bool(Pair()), bool(pr))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
