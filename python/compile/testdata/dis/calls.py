# Calls: positional and keyword arguments (KW_NAMES), method calls
# (LOAD_METHOD, CALL_METHOD), * and ** (CALL_EX), decorators, super().
import math


def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw


f(1, c=3)
f(*[1, 2], c=3, **{"d": 5})
math.sqrt(4.0)
"x".join(["a", "b"])


def deco(fn):
    return fn


@deco
class Base:
    def greet(self, who="you"):
        return f"hi {who!r:>{10}}"


class Child(Base):
    def greet(self, who="me"):
        return super().greet(who).upper()
