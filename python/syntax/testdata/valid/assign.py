# Assignment forms: chained, unpacking, starred, nested, subscript and
# attribute targets, slices with steps.
a = 1
a = b = c = 2
x, y = 1, 2
x, y = y, x
(x, y) = [1, 2]
[x, y] = (1, 2)
a, *rest = range(5)
*init, last = range(5)
first, *middle, last = range(10)
(a, b), c = (1, 2), 3
[a, [b, *c]] = [1, [2, 3, 4]]
obj.attr = 1
obj.attr.deeper = 2
d[0] = 1
d["k"] = d["k"] + 1
m[1:2] = [3]
m[::2] = [4, 5]
m[1:10:3] = []
m[a, b] = c
m[a:b, c] = d
f().x = 1
f()[0] = 2
x = y = z = w = []
x, = [1]
x = (1)
x = yield_ = 3
