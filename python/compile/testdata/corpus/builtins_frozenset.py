# frozenset: an immutable, hashable set.
a = frozenset([1, 2, 3])
b = frozenset({3, 4})
print(a, frozenset(), len(a), 2 in a)
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(type(a | b).__name__, type(a | {9}).__name__, type({9} | a).__name__)
print(a == {1, 2, 3}, a <= frozenset(range(5)), a.isdisjoint(b), a.issuperset([1]))
cache = {frozenset(["x", "y"]): "xy pair"}
print(cache[frozenset(["y", "x"])])
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])), len({a, frozenset([3, 2, 1])}))
try:
    a.add(4)
except AttributeError as e:
    print(e)
try:
    {[1, 2]: 0}
except TypeError as e:
    print(e)
nested = frozenset([frozenset([1]), frozenset([1])])
print(len(nested), sorted(a.union([7], (8,))))
