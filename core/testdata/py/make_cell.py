def make():
    fns = []
    for r in (range(2), range(3)):
        fns.append([lambda: x for x in r])
    return [[f() for f in fs] for fs in fns]

print(make())
