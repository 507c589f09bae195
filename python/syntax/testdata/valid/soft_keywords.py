# match, case, type and _ are soft keywords: they stay names elsewhere.
match = 1
case = 2
type = 3
_ = 4
match(x)
match[x]
match.attr
print(match, case, type, _)
type(x)
def match(): pass
def case(type, match=1): pass
class type: pass
match -x:
    case _:
        pass
