# range, len and sum.
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], 11 in r, 12 in r)
print(r.start, r.stop, r.step, range(5) == range(0, 5), range(0) == range(2, 2))
print(list(range(5, 0, -2)), list(range(0)), len(range(10, 0, -1)), range(3)[::-1])
print(sum([1, 2, 3]), sum([0.5, 0.25]), sum([], 10), sum([[1], [2]], []), sum(range(101)))
print(len("héllo"), len([1, [2, 3]]), len({"a": 1}), len(()), len(range(1, 10, 4)))
print(r.index(8), r.count(8), range(10)[-3])
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(1.5)
except TypeError as e:
    print(e)
try:
    range(3)[5]
except IndexError as e:
    print(e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
