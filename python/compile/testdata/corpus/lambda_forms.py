# lambda: anonymous functions with every parameter form.
square = lambda x: x * x
add = lambda a, b=10: a + b
first = lambda *items: items[0] if items else None
pick = lambda **kw: sorted(kw.items())

print(square(7), add(1), add(1, 2), first(), first(3, 4))
print(pick(z=1, a=2))
print((lambda: "called at once")())
print(list(map(lambda n: n % 3, range(7))))

words = ["banana", "Apple", "cherry", "date"]
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=lambda w: (len(w), w)))

adders = [lambda x, k=k: x + k for k in range(3)]
print([a(100) for a in adders])

compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print(square.__name__, (lambda: 0).__name__)
