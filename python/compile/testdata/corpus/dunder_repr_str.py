# __str__ is for print and str(); __repr__ for repr(), containers and !r.
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return "Money(%d)" % self.cents

    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)


class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"


m = Money(1234)
print(m)
print(str(m), repr(m))
print([m, Money(5)])
print({"price": m})
print(f"{m} {m!r} {m!s}")
print("%s and %r" % (m, m))
print("{} {!r}".format(m, m))
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])


class BadRepr:
    def __repr__(self):
        return 42


try:
    repr(BadRepr())
except TypeError as e:
    print(e)
