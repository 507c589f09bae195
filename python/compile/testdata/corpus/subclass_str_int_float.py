# Classes deriving from str, int and float: methods of the base on the
# instances, overridden operators, hashing as the base, str() and int().


class Name(str):
    def initials(self):
        return "".join(w[0] for w in self.split()).upper()


n = Name("ada lovelace")
print(n, repr(n), n.initials(), n.title(), len(n), n[0], n[-8:])
print(n == "ada lovelace", {"ada lovelace": 1}[n], n + "!", type(n + "!").__name__)
print(n.startswith("ada"), "love" in n, n.split(), str(n), type(str(n)).__name__)
print(f"[{n:>14}]", "%s|%r" % (n, n), "{}".format(n))
print(isinstance(n, str), type(n).__name__, sorted([Name("b"), "a", Name("c")]))


class Loud(str):
    def __str__(self):
        return self.upper()


print(Loud("hi"), str(Loud("hi")), repr(Loud("hi")), f"{Loud('hi')}")


class Money(int):
    def __str__(self):
        return "$" + format(int(self), ",")

    def __add__(self, other):
        return Money(int(self) + int(other))

    __radd__ = __add__


m = Money(1500)
print(m, repr(m), m + 250, 250 + m, type(m + 1).__name__, m * 2, type(m * 2).__name__)
print(sum([Money(1), Money(2), Money(3)]), int(m), type(int(m)).__name__)
print(m == 1500, m > 1000, hash(m) == hash(1500), -m, abs(Money(-3)), m // 7, m % 7)
print(bool(Money(0)), bool(m), [0, 1, 2][Money(1)], divmod(m, 7))


class Celsius(float):
    def to_f(self):
        return self * 9 / 5 + 32


t = Celsius(21.5)
print(t, repr(t), t.to_f(), type(t.to_f()).__name__, round(t), int(t), t.is_integer())
print(t == 21.5, t + 0.5, f"{t:.3f}", float(t), type(float(t)).__name__)


class Flag(int):
    pass


print(Flag(7) & 3, Flag("ff", 16), Flag(), isinstance(Flag(1), int), Flag(3).bit_length())
print(type(Name("x").strip()).__name__, type(Name("x")[:]).__name__, type(Flag(3).__int__()).__name__, type(+Flag(3)).__name__)
