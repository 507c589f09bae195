# Classes: bodies, decorators, qualnames, attributes, dunders.
def tag(cls):
    cls.tagged = True
    return cls


def twice(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs) * 2
    return wrapper


@tag
class Point:
    """A point."""
    dims = 2

    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    @twice
    def norm1(self):
        return abs(self.x) + abs(self.y)

    class Unit:
        pass


p = Point(1, -2) + Point(y=5, x=2)
print(p, p.norm1(), Point.tagged, Point.__doc__, Point.dims)
print(Point.__qualname__, Point.Unit.__qualname__, Point.__init__.__qualname__, Point.__module__)
print(p == Point(3, 3), p != Point(3, 3), p == 3)


class Counter:
    count = 0

    def __init__(self):
        Counter.count += 1
        self.id = Counter.count


a, b = Counter(), Counter()
print(a.id, b.id, Counter.count)


def make_class(base_value):
    class Made:
        value = base_value

        def get(self):
            return base_value + self.value
    return Made


print(make_class(4)().get(), make_class(1).__qualname__)


class WithDoc:
    "doc string"
    x = [k for k in range(2)]


print(WithDoc.__doc__, WithDoc.x)
