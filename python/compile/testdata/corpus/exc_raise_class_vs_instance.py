try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args, str(e) == "")
try:
    raise ValueError("a", 2)
except ValueError as e:
    print(repr(e), e.args, e, e.args[1])
