# map, filter and reversed are lazy iterators.
squares = map(lambda x: x * x, range(5))
print(type(squares).__name__, list(squares), list(squares))
print(list(map(str, [1, 2, 3])), list(map(pow, [2, 3], [3, 2])))
print(list(map(lambda a, b, c: a + b + c, "ab", "cd", "efg")))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])))
print(list(filter(lambda w: len(w) > 2, ["a", "abc", "de", "fghi"])))
print(list(reversed([1, 2, 3])), "".join(reversed("stressed")), list(reversed(range(3))))
print(list(reversed((1, "two"))), list(reversed({"a": 1, "b": 2})))


class Seq:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return "item%d" % i


print(list(reversed(Seq())))
r = reversed([1, 2])
print(next(r), next(r), next(r, "done"))
evens = filter(lambda n: n % 2 == 0, range(10))
doubled = map(lambda n: n * 2, evens)
print(sum(doubled))
try:
    reversed(5)
except TypeError as e:
    print(e)
try:
    list(map(len, [1]))
except TypeError as e:
    print(e)
