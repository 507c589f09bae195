# lambda with each parameter kind, nested, in calls and defaults.
f = lambda: None
g = lambda x: x
h = lambda x, y=2: x + y
i = lambda *args: args
j = lambda **kw: kw
k = lambda a, /, b, *, c: a
m = lambda a=1, /, b=2, *c, d, e=3, **f: 0
n = lambda x: lambda y: x + y
o = sorted(xs, key=lambda t: t[1])
p = lambda: (yield)
q = lambda x, *, y: (x, y)
r = lambda *a, **b,: 0
s = lambda x=lambda: 1: x
t = (lambda: 1)()
