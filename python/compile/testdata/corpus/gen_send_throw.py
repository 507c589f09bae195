# send() delivers a value into a paused generator; throw() raises inside it.
def accumulator():
    total = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            print("  accumulator caught", e)
            total = 0
            continue
        if value is None:
            break
        total += value
    return total


acc = accumulator()
print(next(acc))
print(acc.send(5))
print(acc.send(10))
print(acc.throw(ValueError("reset")))
print(acc.send(3))
try:
    acc.send(None)
except StopIteration as e:
    print("finished with", e.value)

fresh = accumulator()
try:
    fresh.send(1)
except TypeError as e:
    print(e)


def fragile():
    yield 1
    yield 2


g = fragile()
next(g)
try:
    g.throw(KeyError("boom"))
except KeyError as e:
    print("propagated out of the generator:", repr(e))
print(next(g, "closed after the throw"))
g2 = fragile()
try:
    g2.throw(RuntimeError("before start"))
except RuntimeError as e:
    print("thrown into an unstarted generator:", e)
