def inner():
    got = yield "a"
    print("inner got", got)
    try:
        yield "b"
    except KeyError as e:
        print("inner caught", repr(e))
        yield "c"
    finally:
        print("inner closed")
    return "result"

def outer():
    r = yield from inner()
    print("outer got", r)
    yield from [1, 2]
    yield from range(3, 5)
    return "outer done"

g = outer()
print(next(g), g.send("hello"), g.throw(KeyError("x")), next(g), next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.args)

g = outer()
next(g)
next(g)
g.close()
print("closed")

class Echo:
    def __iter__(self):
        return self
    def __next__(self):
        return "echo"
    def send(self, v):
        if v == "stop":
            raise StopIteration("echoed " + v)
        return v

def delegate():
    r = yield from Echo()
    yield r

g = delegate()
print(next(g), g.send("x"), g.send("stop"))

def thrower():
    yield from inner()

g = thrower()
next(g)
try:
    g.throw(ValueError("not caught"))
except ValueError as e:
    print("propagated", e)
