# NotImplemented from a binary method makes Python try the other operand.
class Meters:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "%gm" % self.n

    def __add__(self, other):
        print("  Meters.__add__", type(other).__name__)
        if isinstance(other, Meters):
            return Meters(self.n + other.n)
        if isinstance(other, (int, float)):
            return Meters(self.n + other)
        return NotImplemented

    def __radd__(self, other):
        print("  Meters.__radd__", type(other).__name__)
        return self + other

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Meters(self.n * k)
        return NotImplemented

    __rmul__ = __mul__


class Feet:
    def __init__(self, n):
        self.n = n

    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, Meters):
            return Meters(other.n + self.n * 0.3048)
        return NotImplemented


print(Meters(2) + Meters(3))
print(Meters(2) + 1)
print(1 + Meters(2))
print(Meters(1) + Feet(10))
print(3 * Meters(2), Meters(2) * 3)
try:
    Meters(1) + "x"
except TypeError as e:
    print(e)
try:
    Feet(1) + Feet(2)
except TypeError as e:
    print(e)
print(sum([Meters(1), Meters(2)], Meters(0)))
