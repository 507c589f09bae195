# Instances with __call__ are callable, with any parameter form.
class Multiplier:
    def __init__(self, k):
        self.k = k
        self.calls = 0

    def __call__(self, x, *more, offset=0):
        self.calls += 1
        return [v * self.k + offset for v in (x,) + more]


triple = Multiplier(3)
print(triple(1), triple(1, 2, 3), triple(2, offset=1))
print(triple.calls, callable(triple), callable(Multiplier), callable(3))
print(list(map(Multiplier(2), [1, 2])))


class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self):
        self.n += 1
        return self.n


tick = Counter()
tick()
tick()
print(tick(), sorted([3, 1, 2], key=Multiplier(-1)))
try:
    Multiplier(1)()
except TypeError as e:
    print(e)
