# A StopIteration escaping a generator body becomes a RuntimeError (PEP 479).
def takes_next(it):
    while True:
        yield next(it)


it = iter([1, 2])
g = takes_next(it)
print(next(g), next(g))
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", type(e.__cause__).__name__)


def safe(it):
    for x in it:
        yield x


print(list(safe(iter([1, 2]))))


def raises_stop():
    yield 1
    raise StopIteration("explicit")


try:
    list(raises_stop())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
