# del on names, list items and slices, dict keys, attributes, and tuples of targets.
x = 1
del x
try:
    x
except NameError as e:
    print(e)

items = list(range(10))
del items[0]
del items[-1]
print(items)
del items[1:3]
print(items)
del items[::2]
print(items)

d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError", e)


class Box:
    pass


b = Box()
b.size = 3
b.color = "red"
del b.size
print(vars(b), hasattr(b, "size"))

p, q, r = 1, [1, 2, 3], {"k": "v"}
del p, q[0], r["k"]
print(q, r)
try:
    print(p)
except NameError as e:
    print(e)

m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)
