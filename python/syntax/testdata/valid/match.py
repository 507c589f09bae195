# match statements: every pattern kind.
match command:
    case "quit":
        pass
    case 1 | 2 | 3:
        pass
    case -1:
        pass
    case 1.5:
        pass
    case 1 + 2j:
        pass
    case -1 - 2j:
        pass
    case b"bytes":
        pass
    case "a" "b":
        pass
    case None:
        pass
    case True:
        pass
    case False:
        pass
    case x if x:
        pass
    case _:
        pass
match point:
    case (0, 0):
        pass
    case (x, 0) | (0, x):
        pass
    case [x, y, *rest]:
        pass
    case [*_, last]:
        pass
    case []:
        pass
    case ():
        pass
    case (x,):
        pass
    case x, y:
        pass
    case x, *y:
        pass
    case Point(x=0, y=0):
        pass
    case Point(0, y=1):
        pass
    case Point():
        pass
    case mod.Point(1, 2):
        pass
    case a.b.c:
        pass
    case {"k": v}:
        pass
    case {"k": v, **rest}:
        pass
    case {**rest}:
        pass
    case {}:
        pass
    case {1: _, a.b: [1, 2]}:
        pass
    case str() | bytes() as s:
        pass
    case (1 as one) | (2 as one):
        pass
    case [x] if x > 0:
        pass
    case {"a": [1, {"b": (c, d)}]}:
        pass
match (a, b):
    case _:
        pass
match a, b:
    case _:
        pass
match *a, b:
    case _:
        pass
match (x := f()):
    case _:
        pass
