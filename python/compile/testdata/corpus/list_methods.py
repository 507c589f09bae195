# The list methods.
items = [3, 1, 4]
items.append(1)
items.extend([5, 9])
items.insert(0, 2)
items.insert(100, "end")
print(items)
print(items.pop(), items.pop(0), items, items.index(4), items.count(1))
items.remove(1)
print(items)
items.sort()
print(items)
items.sort(key=lambda n: -n)
print(items)
items.reverse()
print(items)
copy = items.copy()
copy.append("only in copy")
print(items, copy, items == copy[:-1], items is copy)
copy.clear()
print(copy, len(copy))
nested = [[1, 2], [3]]
shallow = nested.copy()
shallow[0].append(99)
print(nested)
print([0] * 3, [[0] * 2] * 2, [1, 2] + [3], [1, 2] * 0)
grid = [[0] * 2] * 2
grid[0][0] = 1
print(grid)
for bad in [lambda: items.remove(42), lambda: [].pop(), lambda: items.index("x"),
            lambda: items.pop(10)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
