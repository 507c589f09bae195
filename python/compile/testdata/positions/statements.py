# Statements: loops, handlers, with, classes, functions, closures, generators.
import sys


def deco(fn):
    return fn


@deco
def outer(a, *args, b=2, **kw):
    total = 0
    for i in range(a):
        if i % 2:
            continue
        total += i
    while total > 10:
        total -= 3
    try:
        total /= len(args)
    except ZeroDivisionError as err:
        print("no args", err)
    except (TypeError, ValueError):
        pass
    else:
        total += 1
    finally:
        total -= 1
    with open(__file__) as fh, open(__file__) as fh2:
        fh.read(1)
        fh2.read(2)

    def inner(c):
        nonlocal total
        total += c
        return total

    return inner(b) + kw.get("z", 0)


class Base:
    count = 0

    def __init__(self, v):
        self.v = v
        Base.count += 1

    def get(self):
        return self.v


class Child(Base):
    def get(self):
        return super().get() * 2


def gen(n):
    for i in range(n):
        got = yield i
        if got:
            yield from range(got)
    return n


assert outer(3, 4, b=5, z=6) is not None, "outer"
print(Child(2).get(), list(gen(3)), sys.argv[0])
