# Where names live: comprehension variables do not leak, class bodies are
# not visible to their methods or comprehensions, closures see later
# rebindings, global and nonlocal rebind the right variable.
x = "module x"
squares = [x * 2 for x in range(3)]
print(squares, x)
pairs = {x: y for x in "ab" for y in [x.upper()]}
print(pairs, x)


def f():
    x = "f x"
    found = [x for x in range(5) if x % 2]
    inner = [[x, y] for x in range(2) for y in range(x)]
    return x, found, inner


print(f())


class C:
    attr = 10
    vals = [i for i in range(3)]
    try:
        bad = [attr for _ in range(1)]
    except NameError as e:
        bad = str(e)

    def method(self):
        try:
            return attr
        except NameError as e:
            return "method: " + str(e)


print(C.vals, C.bad, C().method())


def counter():
    n = 0

    def bump(by=1):
        nonlocal n
        n += by
        return n
    return bump


b = counter()
b()
b(5)
print(b(), counter()())

total = 0


def add(v):
    global total
    total += v


for v in range(4):
    add(v)
print(total)


def late():
    fs = [lambda: i for i in range(3)]
    gs = [lambda i=i: i for i in range(3)]
    return [f() for f in fs], [g() for g in gs]


print(late())


def walrus(xs):
    evens = [y for x in xs if (y := x * 2) % 4 == 0]
    return evens, y


print(walrus([1, 2, 3, 4]))
print([last := v for v in range(3)], last)


def shadow():
    len = lambda s: 42
    return len("abc"), [len(s) for s in ["a", "bb"]]


print(shadow(), len("abc"))


class Outer:
    def make(self):
        class Inner:
            def who(self):
                return __class__.__qualname__
        return Inner().who()


print(Outer().make(), Outer.make.__qualname__)


class Private:
    __secret = 1

    def get(self):
        return self.__secret, self._Private__secret


print(Private().get(), hasattr(Private, "__secret"), hasattr(Private, "_Private__secret"))


def fresh_cells():
    # Each run of a comprehension has its own cells for the variables its
    # closures capture.
    runs = []
    for r in range(2):
        runs.append([lambda: x for x in range(r, r + 2)])
    module_level = [lambda: x for x in "ab"]
    return [[g() for g in fs] for fs in runs], module_level[0]()


print(fresh_cells())
