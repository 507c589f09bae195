data = [1, 2, 3]
squares = [x * x for x in data]
pairs = {k: v for k, v in zip(data, data)}
uniq = {y for y in data if y}
gen = (z for z in data)
nested = [[a * b for b in data] for a in data]

def f(items):
    total = 0
    r = [i + total for i in items if (last := i)]
    g = (j for j in items)
    c = [lambda: total for i in items]
    d = [[lambda: total for n in items] for m in items]
    return r, g, last, c, d

class K:
    base = 10
    vals = [base2 for base2 in range(3)]
    other = [q + 1 for q in vals]
    nm = [__class__ for _ in range(1)]

def walrus_module():
    return [w for w in range(3) if (hit := w)]

found = [v for v in data if (best := v)]

def capture(xs):
    return [(lambda: xs) for x in xs], [x for x in xs]

def gen_walrus(xs):
    return list((seen := x) for x in xs), seen
