def f(a, *rest):
    return (a, rest)
def g(*args):
    return len(args)
print(f(1))
print(f(1, 2, 3))
print(g(), g(1, 2), g(*[4, 5, 6]))
