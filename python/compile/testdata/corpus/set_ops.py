# Sets: operators, methods, and membership.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, a < a, a >= {1}, {1, 2}.isdisjoint({3}), a.issubset(range(10)))
s = set()
s.add(3)
s.add(1)
s.add(3)
print(len(s), sorted(s), 3 in s, 7 not in s)
s.update([5, 6], (7,))
s.discard(100)
s.discard(5)
s.remove(6)
print(sorted(s))
print(sorted(a.union(b, [9])), sorted(a.intersection(b)), sorted(a.difference(b, {1})))
popped = {42}.pop()
print(popped, set() == set(), {1, 2} == {2, 1}, {1} == frozenset({1}))
c = a.copy()
c.clear()
print(c, len(a), sorted({x % 3 for x in range(10)}))
print({True, 1, 1.0}, len({0, False, 0.0, ""}))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
try:
    {1} + {2}
except TypeError as e:
    print(e)
