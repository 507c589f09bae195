# Boolean operators, comparisons, chains, conditional expressions, walrus.
a = x and y
b = x or y
c = x and y and z
d = x or y or z
e = x and y or z and w
f = not x
g = not not x
h = x < y < z
i = x == y != z
j = x is None
k = x is not None
l = x in y
m = x not in y
n = a if b else c
o = (a if b else c) if d else e
p = a < b and b < c
q = (x := 5) + x
r = not x == y
s = x if not y else z
if (m := re.match(p, s)) is not None:
    pass
while (line := f.readline()):
    pass
