# What str() and repr() of exceptions show, depending on their arguments.
for e in [ValueError(), ValueError("one"), ValueError("a", 2), ValueError(None),
          KeyError("k"), KeyError(), KeyError("a", "b"), IndexError(3),
          Exception([1, 2]), StopIteration(5), RuntimeError("")]:
    print(type(e).__name__, "| str:", repr(str(e)), "| repr:", repr(e), "| args:", e.args)

e = ValueError("x")
e.args = ("changed", 1)
print(e, repr(e))
try:
    raise TypeError
except TypeError as caught:
    print(repr(caught), caught.args, caught.__cause__, caught.__context__)
print(isinstance(ValueError("v"), Exception), isinstance(ValueError, type))
