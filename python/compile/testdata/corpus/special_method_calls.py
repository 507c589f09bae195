# Calls of methods found on a class: __init__ through the class call,
# and the operators' dunder methods, each with exact arguments, defaults,
# *args, keywords, a wrong count, a generator, and deep recursion.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __len__(self):
        return 2

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


p = Point(1, 2) + Point(3, 4)
print(p, p == Point(4, 6), p[0], p[-1], len(p))


class Defaults:
    def __init__(self, a, b=10, *rest, c=20, **kw):
        self.parts = (a, b, rest, c, sorted(kw.items()))


print(Defaults(1).parts)
print(Defaults(1, 2, 3, 4, c=5, d=6).parts)
print(Defaults(a=7).parts)

for args, kwargs in [((), {}), ((1, 2, 3), {}), ((1,), {"z": 2})]:
    try:
        Point(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)


class ReturnsOne:
    def __init__(self):
        return 1


class Generates:
    def __init__(self):
        yield 1


for cls in (ReturnsOne, Generates):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)


class Deep:
    def __init__(self, n):
        self.child = Deep(n + 1) if n < 100000 else None


try:
    Deep(0)
except RecursionError as e:
    print("RecursionError:", e)


class Counter:
    calls = 0

    def __init__(self, start):
        Counter.calls += 1
        self.value = start

    def __lt__(self, other):
        Counter.calls += 1
        return self.value < other.value


items = sorted(Counter(v) for v in [5, 3, 9, 1, 7])
print([c.value for c in items], Counter.calls > 5)


class Sub(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


s = Sub(1, 2, 3)
print(s, s.z, s + s)
