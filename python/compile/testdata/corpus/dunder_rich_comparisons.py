# __eq__, __ne__, __lt__, __le__, __gt__, __ge__, and their reflections.
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts > other.parts

    def __ge__(self, other):
        return not self < other


a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(a == Version(1, 2), a != Version(1, 2))
print(sorted([Version(2), Version(1, 5), Version(1)]))
print(max(Version(3), Version(2, 9)))
print(a == "1.2", a != "1.2")
try:
    a < "1.2"
except TypeError as e:
    print(e)


class OnlyLt:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("  OnlyLt.__lt__", self.v, other.v)
        return self.v < other.v


print(OnlyLt(1) > OnlyLt(2))
x = OnlyLt(5)
print(x == x, x == OnlyLt(5))
