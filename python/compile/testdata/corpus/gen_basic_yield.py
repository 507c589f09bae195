# Generators: a function with yield returns an iterator that runs on demand.
def count_up(limit):
    print("  start")
    n = 0
    while n < limit:
        print("  yielding", n)
        yield n
        n += 1
    print("  end")


g = count_up(2)
print(type(g).__name__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
print(list(count_up(3)))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


out = []
for n in fib():
    if n > 50:
        break
    out.append(n)
print(out)


def pairs(items):
    for i, x in enumerate(items):
        yield i, x


print(dict(pairs("abc")), next(pairs([9]), "default"), next(pairs([]), "default"))
print(sum(count_up(0)))
