# enumerate and zip.
colors = ["red", "green", "blue"]
print(list(enumerate(colors)), list(enumerate(colors, start=1)))
for i, c in enumerate("ab", 10):
    print(i, c)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
names, ages = zip(*[("ann", 30), ("bob", 25)])
print(names, ages)
print(dict(zip(colors, range(3))))
print(list(zip(range(3), range(3), strict=True)))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as e:
    print(e)
e = enumerate(["x"])
print(next(e), next(e, "end"))
