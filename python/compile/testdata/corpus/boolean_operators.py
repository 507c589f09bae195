# and / or return one of their operands and short-circuit; not returns a bool.
def v(x):
    print("  eval", repr(x))
    return x


print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "default", None and 1)
print([] or {} or 0 or "last")
print(v(0) and v(1))
print(v(1) and v(0) and v(2))
print(v("") or v("x") or v("y"))
print(not 0, not 1, not "", not [0], not None)
print(not (1 and 0), (not 1) and 0)
x = None
name = x or "anonymous"
print(name, type(not x).__name__)
values = [0, 1, 2]
print(all(values) or any(values) and "mixed")
print((1 or 1 / 0), (0 and 1 / 0))
