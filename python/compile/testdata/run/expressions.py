# Evaluation order and counts: each operand once, left to right.
trace = []


def t(v):
    trace.append(v)
    return v


print(t(1) < t(2) < t(3), trace)
trace.clear()
print(t(1) < t(0) < t(3), trace)
trace.clear()
print(t(0) or t("") or t("x"), t(1) and t(0) and t(2), trace)
trace.clear()
d = {}
d[t("k")] = t("v")
print(trace, d)
trace.clear()
lst = [0, 0]
lst[t(1)] += t(5)
print(trace, lst)
trace.clear()


class Box:
    def __init__(self):
        self.v = 1


def box():
    trace.append("box")
    return bx


bx = Box()
box().v += 10
print(trace, bx.v)
trace.clear()
a = b = c = t([1])
print(a is b is c, trace)
trace.clear()
x, (y, *z), w = t(1), [t(2), t(3), t(4)], t(5)
print(x, y, z, w, trace)
trace.clear()
first, *middle, last = range(6)
print(first, middle, last)
print(t(1) if t(True) else t(2), trace)
trace.clear()
print({t("a"): t(1), t("b"): t(2)}, trace)
trace.clear()
print([*range(2), *"ab"], {*range(3), 7}, {**{"a": 1}, "b": 2, **{"a": 3}})
print((1, 2) * 2, -5 // 2, -5 % 3, 2 ** 10, 7 / 2, 1 << 70, ~5, not 0)
print("abc"[1], (1, 2, 3)[-1], "ab" * 3, 0.1 + 0.2, 1e308 * 10)
print(3 in [1, 2, 3], 3 not in (1, 2), None is None, [] is not [])
s = "hello"
print(s[1:3], s[::-1], s[:-1], s[1:], s[::2], s[-3:-1])
L = list(range(10))
L[2:5] = ["x"]
del L[::3]
print(L)
n = 255
print(f"{n}", f"{n!r:>6}", f"{n:#x}", f"{'q'!r}", f"{n=}", f"{n:{'>'}{8}}", f"{{}}")
print(__debug__, __name__ == "__main__")


def kw(a, /, b, *rest, c=3, d, **more):
    return a, b, rest, c, d, sorted(more.items())


print(kw(1, 2, d=4), kw(1, 2, 5, 6, c=0, d=7, z=9), kw(*[1, 2], **{"d": 0, "y": 1}))
print(kw(1, b=2, d=3))
