d = {"a": 1, "b": 2, "a": 3}
print(d, len(d))
print({}, {1: "x", (1, 2): [3]})
s = {3, 1, 2, 3}
print(len(s), sorted(s), 2 in s, set() == s)
try:
    {[1], 2}
except TypeError as e:
    print(e)
try:
    {"k": 1, [1]: 2}
except TypeError as e:
    print(e)
