def count(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "done"

print(list(count(3)))
g = count(10)
print(next(g), g.send(5), next(g), g.send(9))
try:
    next(g)
except StopIteration as e:
    print("stop", e.args)
print(next(g, "exhausted"))

def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 3
    finally:
        print("cleanup")

g = guarded()
print(next(g), g.throw(ValueError("boom")))
g.close()
g = guarded()
print(next(g))
g.close()
print(g.close())
g = guarded()
g.close()
print("closed before start")

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2

g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(e)

def pep479():
    yield next(iter([]))

try:
    list(pep479())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

def selfish():
    yield me.send(None)

me = selfish()
try:
    next(me)
except ValueError as e:
    print(e)

def handled():
    try:
        raise KeyError("k")
    except KeyError:
        yield 1
        raise

g = handled()
next(g)
try:
    next(g)
except KeyError as e:
    print("re-raised", repr(e))
try:
    count(1).send(3)
except TypeError as e:
    print(e)
print(type(count(1)).__name__, count.__name__, count(1).__qualname__)
for v in guarded():
    print("got", v)
    break
print("after break")
g = guarded()
next(g)
g = None
print("dropped")
