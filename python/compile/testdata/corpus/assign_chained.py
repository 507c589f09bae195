# Chained assignment binds every target to the same object, left to right.
a = b = c = []
a.append(1)
print(a, b, c, a is b is c)
x = y = 0
x += 1
print(x, y)
items = [0, 0, 0]
i = items[i] = 2 if False else 1
print(i, items)
d = {}
d["a"] = d["b"] = len(d)
print(d)


class Obj:
    pass


o = Obj()
o.left = o.right = "shared"
print(o.left, o.right)
p, q = r = (1, 2)
print(p, q, r)
first = [10, 20]
first[0], first[1] = first[1], first[0]
print(first)
k = [1, 2, 3]
j = 0
j, k[j] = 1, "set"
print(j, k)
