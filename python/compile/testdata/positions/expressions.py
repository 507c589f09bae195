# Expressions whose instructions can raise: the caret goes where CPython puts it.
import math
from math import sqrt as root, floor

x = 3
y = [1, 2, 3]
d = {"k": 1}
z = x + y[0] * d["k"] - math.pi ** 2 // 7 % 3
w = (x << 2) | (x >> 1) & ~x ^ -x
s = f"{x!r:>{x}} {y[1:2]} {d}"
t = y[1:] + y[:1] + y[::2] + y[x - 3:x]
b = x < 4 <= 5 != 6 and x is not None or x in y and x not in d
c = x if x > 2 else -x
e = [v * 2 for v in y if v % 2]
f = {k: v for k, v in d.items()}
g = sum(v for v in y)
h = root(floor(x + 0.5))
i, *j = y
(k, l), m = (1, 2), 3
n = (lambda q, r=1: q + r)(x)
o = d.get("k", d.get("k2"))
p = str(x).upper().lower()
y[0] += 1
y[0:1] = [5]
d["k"] *= 2
del d["k"]
q = y.__len__
r = (
    x
    .bit_length()
)
if x > 1:
    raise ValueError("x is %d" % x) from None
