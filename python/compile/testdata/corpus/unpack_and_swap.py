a, b = (1, 2)
print(a, b)
x, y, z = [3, 4, 5]
print(x, y, z)
p, q = "hi"
print(p, q)
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
for k, v in [("one", 1), ("two", 2)]:
    print(k, v)
