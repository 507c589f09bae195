# Starred assignment targets collect the rest into a list.
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
head, *middle, tail = range(5)
print(head, middle, tail)
a, *b, c = (1, 2)
print(a, b, c)
*everything, = {"k": 1, "j": 2}
print(everything)
for x, *ys in [(1, 2, 3), (4,), (5, 6)]:
    print(x, ys)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
try:
    a, b, *c = 5
except TypeError as e:
    print(e)
[p, *q] = (7, 8, 9)
print(p, q, type(q).__name__)
