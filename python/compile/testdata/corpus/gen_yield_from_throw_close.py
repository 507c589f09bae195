# throw() and close() go through yield from to the innermost generator.
def inner():
    try:
        while True:
            try:
                yield "inner"
            except ValueError as e:
                print("  inner handled", e)
    finally:
        print("  inner finally")


def outer():
    try:
        result = yield from inner()
        print("  never:", result)
    finally:
        print("  outer finally")


g = outer()
print(next(g))
print(g.throw(ValueError("v1")))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError came out:", e)

g = outer()
next(g)
g.close()
print("closed")


def stops_on_throw():
    try:
        yield 1
    except ValueError:
        return "stopped by ValueError"


def delegator():
    value = yield from stops_on_throw()
    print("  delegator got", value)
    yield "after"


d = delegator()
next(d)
print(d.throw(ValueError))
