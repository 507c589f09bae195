# Tuples: packing, single-element tuples, comparison, and immutability.
point = 3, 4
single = (5,)
not_a_tuple = (5)
empty = ()
print(point, single, not_a_tuple, empty, type(single).__name__, type(not_a_tuple).__name__)
print(point + single, single * 3, len(point), point[0], point[-1], point[::-1])
print((1, 2, 2, 3).count(2), (1, 2, 3).index(3), 3 in point, (1, 2) < (1, 3), (2,) > (1, 5))
print(tuple(), tuple([1]), tuple(x * x for x in range(3)), (1, [2]) == (1, [2]))
nested = (1, (2, (3, ())))
print(nested, nested[1][1][0], hash((1, 2)) == hash((1, 2)))
x, y = point
print(x * y, max(point), sorted((3, 1, 2)), sum((1, 2, 3)))
holder = ([],)
holder[0].append("ok")
print(holder)
try:
    point[0] = 9
except TypeError as e:
    print(e)
try:
    hash(([],))
except TypeError as e:
    print(e)
try:
    (1, 2).index(9)
except ValueError as e:
    print(e)
