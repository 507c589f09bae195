# List, set and dict comprehensions are inlined (PEP 709): no function,
# no call, hidden locals for the names they bind. Generator expressions
# stay functions.
xs = [1, 2, 3]
x = "outer"
squares = [x * x for x in xs]
pairs = {k: v for k, v in zip(xs, xs) if k > 1}
flat = {y for row in [[1, 2], [3]] for y in row}
lazy = (x + 1 for x in xs)


def f(items):
    x = 0
    found = [x for x in items if (last := x)]
    fns = [lambda: x for x in items]
    nested = [[a * b for b in items] for a in items]
    return found, fns, nested, last, x


class K:
    base = 10
    vals = [base for _ in range(3)]
