# Classes deriving from list: new methods, overridden __getitem__ and
# append, in-place operators, slicing, sorting and iteration.


class Stack(list):
    def push(self, item):
        self.append(item)
        return self

    def peek(self):
        return self[-1]

    @property
    def size(self):
        return len(self)


s = Stack()
s.push(1).push(2).push(3)
print(s, s.peek(), s.size, s.pop(), s)
print(isinstance(s, list), type(s).__name__, s == [1, 2], [1, 2] == s)
s += [9, 8]
print(type(s).__name__, s)
s *= 2
print(type(s).__name__, s, len(s))
print(sorted(s), type(s[1:3]).__name__, s[1:3], type(s + [0]).__name__)
s.sort()
print(s, s.index(9), s.count(8), 8 in s, 7 in s)
for x in reversed(s):
    print(x, end=" ")
print()


class OneBased(list):
    def __getitem__(self, i):
        if isinstance(i, int):
            return super().__getitem__(i - 1)
        return super().__getitem__(i)


ob = OneBased(["a", "b", "c"])
print(ob[1], ob[3], ob[0:2], list(ob))


class Logged(list):
    def __init__(self, items, name):
        super().__init__(items)
        self.name = name

    def append(self, item):
        print(self.name, "append", item)
        super().append(item)

    def __repr__(self):
        return self.name + super().__repr__()


lg = Logged([1], "L")
lg.append(2)
lg.extend([3, 4])
print(lg, len(lg), sum(lg), max(lg))


class Evens(list):
    def __iter__(self):
        return iter([x for x in super().__iter__() if x % 2 == 0])


e = Evens(range(7))
print(list(e), [x for x in e], len(e), e)
try:
    hash(Stack())
except TypeError as err:
    print("TypeError:", err)
