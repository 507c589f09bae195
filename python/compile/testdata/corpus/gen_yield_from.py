# yield from delegates to a sub-iterator and returns its return value.
def inner(n):
    for i in range(n):
        received = yield i
        if received is not None:
            print("  inner received", received)
    return "inner done %d" % n


def outer():
    result = yield from inner(2)
    print("  outer got", repr(result))
    result = yield from inner(1)
    print("  outer got", repr(result))
    yield from "xy"
    yield from [10, 20]
    return "outer done"


print(list(outer()))

g = outer()
print(next(g))
print(g.send("hello"))
print(g.send("world"))
for rest in g:
    print("rest", rest)


def flatten(items):
    for x in items:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x


print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))


def chain(*iterables):
    for it in iterables:
        yield from it


print(list(chain(range(2), (5, 6), {"k": 1})))
