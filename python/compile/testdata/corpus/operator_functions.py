# The operator module: operators as functions, the in-place forms, and
# itemgetter, attrgetter and methodcaller with their reprs.
import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(2, 3), operator.mul("ab", 3), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(5), operator.pos(-5))
print(operator.abs(-3), operator.invert(5), operator.lshift(1, 4), operator.rshift(64, 2))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.not_(0), operator.truth([]))
print(operator.eq(1, 1.0), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2), operator.gt("b", "a"), operator.ge(1, 2))
print(operator.is_(None, None), operator.is_not(1, None), operator.index(7), operator.contains([1, 2], 2))
print(operator.concat([1], [2]), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))
print(operator.length_hint([1, 2, 3]), operator.length_hint(object(), 5))
data = [1, 2, 3]
operator.setitem(data, 0, 10)
operator.delitem(data, 1)
print(data, operator.getitem(data, -1), operator.getitem("hello", slice(1, 3)))
acc = [1]
r = operator.iadd(acc, [2])
print(r, acc, r is acc, operator.iadd(1, 2), operator.imul("x", 3), operator.__add__(1, 1))
print(sorted([(1, "b"), (0, "c"), (1, "a")], key=itemgetter(1)))

rows = [{"name": "ann", "age": 31}, {"name": "bob", "age": 25}]
by_age = itemgetter("age")
print(by_age, [by_age(r) for r in rows], sorted(rows, key=by_age)[0]["name"])
pair = itemgetter(1, 0)
print(pair, pair("xy"), itemgetter(slice(0, 2))("hello"))


class Pet:
    def __init__(self, name, owner=None):
        self.name = name
        self.owner = owner

    def greet(self, greeting, punct="!"):
        return greeting + ", " + self.name + punct


p = Pet("rex", Pet("ann"))
print(attrgetter("name"), attrgetter("name")(p), attrgetter("owner.name")(p), attrgetter("name", "owner.name")(p))
mc = methodcaller("greet", "hi", punct="?")
print(mc, mc(p), methodcaller("upper")("abc"), methodcaller("split", ",")("a,b"))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __lt__(self, other):
        return self.cents < other.cents

    def __repr__(self):
        return "Money(%d)" % self.cents


print(operator.add(Money(5), Money(7)), operator.lt(Money(1), Money(2)), operator.gt(Money(1), Money(2)))
for bad in [lambda: operator.add(1), lambda: operator.neg(), lambda: itemgetter(), lambda: operator.concat(1, 2), lambda: operator.add(1, "a")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    attrgetter("missing")(p)
except AttributeError as e:
    print("AttributeError:", e)
