# Chained comparisons evaluate each operand at most once and stop early.
def v(x):
    print("  eval", x)
    return x


print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1.0 == True)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(1 < v(5) <= 5 != 4)
x = 5
print(0 <= x < 10, 0 <= x < 5, x is not None is not False)
print("a" < "b" < "c" < "ca", [1, 2] < [1, 2, 0] < [1, 3])
print(2 in [1, 2] in [[1, 2]], 1 in [1] not in [[2]])
print((1, "a") < (1, "b"), (2,) > (1, 99), () < (0,))
try:
    print(1 < "2" < 3)
except TypeError as e:
    print(e)
print(1 > "2" if False else "short-circuit skipped the bad comparison")
