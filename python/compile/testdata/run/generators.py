# Generators: yield as an expression, send, yield from with a return
# value, StopIteration's value, generator expressions' early first iterator.
def echo():
    got = None
    while True:
        got = yield got
        if got == "stop":
            return "stopped"


g = echo()
print(next(g), g.send(1), g.send("two"))
try:
    g.send("stop")
except StopIteration as e:
    print("StopIteration", e.args)


def inner():
    yield 1
    yield 2
    return "inner done"


def outer():
    result = yield from inner()
    yield result
    yield from [10, 20]


print(list(outer()))


def counting(n):
    i = 0
    while i < n:
        yield i
        i += 1


print(sum(counting(5)), list(counting(3)), [v * v for v in counting(4)])
squares = (v * v for v in range(4))
print(next(squares), list(squares), list(squares))
try:
    (v for v in 5)
except TypeError as e:
    print("TypeError:", e)
lazy = (1 // v for v in [1, 0])
print(next(lazy))
try:
    next(lazy)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


def gen_with_finally():
    try:
        yield "a"
    finally:
        print("finally runs")


for item in gen_with_finally():
    print(item)


def pipeline():
    nums = (n for n in range(10))
    evens = (n for n in nums if n % 2 == 0)
    return [n + 1 for n in evens]


print(pipeline())
