# Closures made in a comprehension capture its variable: each run of the
# comprehension, and each iteration, gets a cell of its own.
fs = [lambda: x for x in range(3)]
print([f() for f in fs])
class C:
    gs = [lambda: y for y in "ab"]
    hs = {k: (lambda: k * 2) for k in (1, 2)}
print([g() for g in C.gs], {k: v() for k, v in C.hs.items()})
def outer(n):
    runs = []
    for r in range(2):
        runs.append([lambda: (i, r) for i in range(n)])
    return [[f() for f in run] for run in runs]
print(outer(2))
def gen():
    for r in range(2):
        yield [lambda: i + r for i in range(2)]
print([[f() for f in fs] for fs in gen()])
def nested():
    return [[lambda: (a, b) for b in range(2)] for a in range(2)]
print([[f() for f in row] for row in nested()])
def shadow():
    x = "outer"
    fs = [lambda: x for x in range(2)]
    return x, [f() for f in fs]
print(shadow())
def both():
    i = 10
    fs = [lambda: i for i in range(2)]
    g = lambda: i
    return [f() for f in fs], g()
print(both())
def late():
    fs = [lambda: j for j in range(3) if j]
    return [f() for f in fs]
print(late())
def walrus():
    fs = [(lambda: v) for w in range(3) if (v := w * 10)]
    return [f() for f in fs], v
print(walrus())
s = {(lambda: z)() for z in range(3)}
print(sorted(s))
