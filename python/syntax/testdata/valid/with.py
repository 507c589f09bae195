# with: one item, several, as targets, parenthesized forms.
with open("f") as f:
    pass
with a, b:
    pass
with a as x, b as y:
    pass
with a as (x, y):
    pass
with a as [x, y]:
    pass
with a as x.y:
    pass
with a as x[0]:
    pass
with (a, b):
    pass
with (a as x, b as y):
    pass
with (a as x, b as y,):
    pass
with (
    open("a") as a,
    open("b") as b,
):
    pass
with (a):
    pass
with (a, b) as c:
    pass
with f() as g, h():
    pass
