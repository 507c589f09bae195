# Every iterator has __next__ and __iter__ as methods, itertools' and
# collections' included: it.__next__ bound once and called in a loop.
import collections
import itertools

ticket = itertools.count(100).__next__
print(ticket(), ticket(), ticket())
for it in [itertools.chain([1], [2]), itertools.cycle("ab"), itertools.repeat(7, 2),
           itertools.islice(range(10), 2, 5), itertools.product("ab", repeat=2),
           itertools.permutations("abc", 2), itertools.accumulate([1, 2, 3]),
           itertools.zip_longest([1], [2, 3]), itertools.pairwise([1, 2, 3]),
           iter(collections.deque([4, 5]))]:
    step = it.__next__
    print(type(it).__name__, step(), step(), it.__iter__() is it)
try:
    itertools.repeat(1, 0).__next__()
except StopIteration:
    print("StopIteration")
