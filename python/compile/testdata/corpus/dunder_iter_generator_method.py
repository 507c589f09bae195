# __iter__ written as a generator makes a class iterable many times.
class Range2D:
    def __init__(self, w, h):
        self.w, self.h = w, h

    def __iter__(self):
        for y in range(self.h):
            for x in range(self.w):
                yield (x, y)

    def __len__(self):
        return self.w * self.h


r = Range2D(2, 3)
print(list(r))
print(len(r), sum(x + y for x, y in r), (1, 2) in r, (5, 5) in r)
it = iter(r)
print(next(it), next(it), list(it))
print(list(r) == list(r))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


c = Countdown(3)
print(list(c), list(c))
print(dict(zip("abc", Countdown(3))))
try:
    iter(5)
except TypeError as e:
    print(e)
try:
    next([1, 2])
except TypeError as e:
    print(e)
