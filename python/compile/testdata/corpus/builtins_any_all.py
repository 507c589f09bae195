# any and all short-circuit and return bools.
def check(x):
    print("  check", x)
    return x > 2


print(any([]), all([]), any([0, "", None]), all([1, "x", [0]]))
print(any(check(x) for x in [1, 3, 5]))
print(all(check(x) for x in [3, 1, 5]))
print(any("a" in w for w in ["xyz", "cat"]), all(isinstance(n, int) for n in [1, True, 2]))
print(type(any([1])).__name__, any([[]]), all([()]))
grid = [[1, 2], [3, 0]]
print(all(all(row) for row in grid), any(any(row) for row in grid))
try:
    any(5)
except TypeError as e:
    print(e)
