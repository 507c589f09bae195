x = None
y = [1]
z = y
print(x is None, x is not None, y is z, y is [1], y is not z)
print(1 in y, 2 in y, 2 not in y, "b" in "abc", "k" in {"k": 1}, 3 in (1, 2), 3 not in {3})
