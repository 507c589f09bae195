# int, float, str, bool, list, tuple, dict and set as conversions.
print(int("42"), int("  -7 "), int("1_000"), int("ff", 16), int("0b101", 0), int("z", 36), int(3.99), int(-3.99))
print(float("3.5"), float("-inf"), float(" 1e-3"), float(2), str(3.0), str(-0.0), str(10**20))
print(bool(0), bool(0.0), bool(""), bool("0"), bool([]), bool([[]]), bool(None))
print(list("abc"), list((1, 2)), list({"k": 1}), tuple([1, 2]), tuple("ab"))
print(dict([("a", 1), ("b", 2)]), dict(a=1, b=2), dict({"x": 0}, y=1), dict(zip("ab", "cd")))
print(sorted(set("banana")), sorted(set([3, 1, 3])), list(range(3)), str([1, "a"]), str({"k": (1,)}))
print(int(True), float(False), int("-0"), str(None), str(True) + "!")
for bad in ["abc", "1.5", "", "12a", "0x10"]:
    try:
        int(bad)
    except ValueError as e:
        print(e)
for bad in ["x", "1e", ""]:
    try:
        float(bad)
    except ValueError as e:
        print(e)
try:
    int("2", 1)
except ValueError as e:
    print(e)
try:
    int([1])
except TypeError as e:
    print(e)
try:
    dict([1, 2])
except TypeError as e:
    print(e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print(e)
