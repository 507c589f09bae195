# itertools: the infinite iterators, the combinatoric ones in CPython's
# order, and the ones that filter, group and combine.
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress, count, cycle,
                       dropwhile, filterfalse, groupby, islice, pairwise, permutations, product, repeat, starmap,
                       takewhile, tee, zip_longest, batched)
import operator

c = count(5)
print(next(c), next(c), c, list(islice(count(0, 3), 4)), list(islice(count(1.5, 0.5), 3)))
print(list(repeat("x", 3)), repeat(7, 2), list(zip(range(3), repeat(0))))
print(list(islice(cycle("abc"), 7)), list(islice(cycle([]), 3)))
print(list(chain([1, 2], "ab", (3,))), list(chain.from_iterable([[1], [2, 3], []])))
print(list(islice(range(10), 3)), list(islice(range(10), 2, 8, 3)), list(islice(range(10), 7, None)), list(islice("abc", 0)))
print(list(product("ab", [1, 2])), list(product([0, 1], repeat=2)), list(product()))
print(list(permutations([1, 2, 3])), list(permutations("abc", 2)), list(permutations([1], 2)))
print(list(combinations("abcd", 2)), list(combinations(range(4), 3)), list(combinations([1], 3)))
print(list(combinations_with_replacement("ab", 2)), len(list(combinations_with_replacement(range(4), 2))))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3], operator.mul, initial=10)))
print(list(accumulate([])), list(accumulate([], initial=0)), list(accumulate(["a", "b", "c"])))
data = "aaabccddda"
print([(k, list(g)) for k, g in groupby(data)])
print([(k, len(list(g))) for k, g in groupby(sorted("mississippi"))])
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
for letter, group in groupby(words, key=lambda w: w[0]):
    print(letter, list(group))
groups = groupby("aabb")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(zip_longest("abc", [1])), list(zip_longest([1, 2], [3], fillvalue="-")), list(zip_longest()))
print(list(starmap(pow, [(2, 5), (3, 2)])), list(starmap(operator.add, [("a", "b")])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a"])))
print(list(compress("abcdef", [1, 0, 1, 0, 1, 1])), list(pairwise("abcd")), list(pairwise([1])))
print(list(batched("abcdefg", 3)), list(batched([], 2)))
a, b = tee(iter([1, 2, 3]))
print(next(a), next(a), list(b), list(a), [list(t) for t in tee("xy", 3)])
print(isinstance(chain(), chain), type(count()).__name__, type(groupby("")).__name__)
print(sum(1 for _ in product(range(3), repeat=3)), list(map(sum, combinations(range(5), 4))))
for bad in [lambda: islice(range(3), -1), lambda: islice(range(3), 0, 3, 0)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
for bad in [lambda: combinations([1, 2]), lambda: count("a"), lambda: repeat()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
