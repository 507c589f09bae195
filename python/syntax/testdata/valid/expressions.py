# Arithmetic, comparison and boolean operators, with their precedence.
a = 1 + 2 * 3 - 4 / 5 // 6 % 7 @ m
b = -x ** -y
c = ~a & b | c ^ d << 2 >> 1
d = not a and b or c and not d
e = a < b <= c == d != e > f >= g
f = a is b is not c in d not in e
g = (a + b) * (c - d)
h = +a
i = a if b else c if d else e
j = lambda: 0
k = lambda x, y=1, *args, z, w=2, **kw: x + y
l = x.y.z(1, 2)[3][4:5, ::2]
m = f(*a, **b, c=1)
n = [x for x in y if x]
