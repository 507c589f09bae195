# List, set and dict comprehensions and generator expressions.
a = [x for x in y]
b = [x * 2 for x in range(10) if x % 2 if x > 3]
c = {x for x in y}
d = {k: v for k, v in items}
e = (x for x in y)
f = [(x, y) for x in a for y in b]
g = [x for x in [y for y in z]]
h = sum(x for x in y)
i = dict((k, v) for k, v in z)
j = [x for x, in y]
k = [x for *a, x in y]
m = [[z for z in w] for w in v]
n = [y := f(x) for x in data]
o = [x for x in (1, 2, 3)]
p = [lambda: x for x in y]
q = [x if x else y for x in z]
r = [x for x in y if (z := x)]
s = {(a, b): c for a, b, c in t}
t = f(x for x in y)
