# Closures made inside comprehensions capture the comprehension's variables.
makers = [lambda: i for i in range(3)]
print([m() for m in makers])

makers = [(lambda j: lambda: j)(i) for i in range(3)]
print([m() for m in makers])

offset = 100
adders = {name: (lambda x, n=n: x + n + offset) for n, name in enumerate(["a", "b"])}
print(adders["a"](1), adders["b"](1))
offset = 0
print(adders["a"](1))


def outer():
    base = 10
    return [lambda k=k: base + k for k in range(2)]


print([f() for f in outer()])
gens = [(x for _ in range(2)) for x in "ab"]
print([list(g) for g in gens])
