# Nested targets, in assignments and for loops.
(a, b), c = (1, 2), 3
print(a, b, c)
[x, (y, z)], w = ["p", ("q", "r")], "s"
print(x, y, z, w)
points = [("origin", (0, 0)), ("unit", (1, 1))]
for name, (px, py) in points:
    print(name, px + py)
for i, (key, value) in enumerate({"a": 1, "b": 2}.items()):
    print(i, key, value)
(first, *others), last = "hello", "!"
print(first, others, last)
try:
    (a, b), c = (1, 2, 3), 4
except ValueError as e:
    print(e)
try:
    (a, b), c = [1, 2]
except TypeError as e:
    print(e)
matrix = [[1, 2], [3, 4]]
((m00, m01), (m10, m11)) = matrix
print(m00 * m11 - m01 * m10)
