# functools: partial and its repr, reduce, wraps, lru_cache and cache
# with their statistics, cmp_to_key and total_ordering.
import functools
from functools import partial, reduce, wraps, lru_cache, cache, cmp_to_key, total_ordering


def power(base, exp=2, *, mod=None):
    r = base ** exp
    return r % mod if mod else r


square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=10)
print(square(7), cube_mod(7), partial(power, 2)(10), partial(max, 1)(5, 3))
print(partial(max, 1), square.func is power, square.args, square.keywords, cube_mod.keywords)
twice = partial(partial(power, 3), 4)
print(twice(), twice.args, twice.func is power)
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 0), reduce(max, [3, 9, 2]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError:", e)


def logged(fn):
    @wraps(fn)
    def inner(*args):
        print("calling", fn.__name__, args)
        return fn(*args)
    return inner


@logged
def add(a, b):
    "Add two numbers."
    return a + b


print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__.__name__)


@lru_cache(maxsize=2)
def slow(n):
    print("computing", n)
    return n * n


for n in [1, 2, 1, 3, 1, 2]:
    print(slow(n), end=" ")
print()
print(slow.cache_info())
slow.cache_clear()
print(slow.cache_info(), slow.__name__, slow.cache_parameters())


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(60), fib.cache_info())


@cache
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)


print(fact(20), fact.cache_info().misses, fact.cache_info().maxsize)


@lru_cache(maxsize=None, typed=True)
def kind(x):
    return type(x).__name__


print(kind(1), kind(1.0), kind(True), kind.cache_info().currsize)


class Greeter:
    def __init__(self, name):
        self.name = name

    @lru_cache(maxsize=8)
    def greet(self, greeting):
        return greeting + " " + self.name


g = Greeter("ann")
print(g.greet("hi"), g.greet("hi"), Greeter.greet.cache_info().hits)
Greeter.greet.cache_clear()  # the cache holds g: a cycle rwgil cannot collect


def by_length_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


print(sorted(["pear", "fig", "apple", "kiwi", "date"], key=cmp_to_key(by_length_then_alpha)))
print(max([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))


@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, a == Version(1, 2), sorted([b, a, Version(0, 9)]))
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print("ValueError:", e)
