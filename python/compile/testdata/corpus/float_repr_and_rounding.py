# Floats print as the shortest string that reads back as the same value.
values = [0.1, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789.0, 1e-4, 1e-5,
          0.5, 1.0, -0.0, 100.0, 1.5e300 * 10, 2.0 ** 0.5, 1e22, 1.0e-320,
          float("inf"), float("-inf"), float("nan"), 12345678901234567890.0]
for v in values:
    print(repr(v), str(v), v == float(repr(v)) or v != v)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print(round(2.5), round(3.5), round(-0.5), round(0.125, 2), round(2.675, 2), round(1234.5678, -2))
print(float("1e3"), float(" -2.5 "), float("inf"), float(7), float("1_000.5"))
print(int(2.9), int(-2.9), 7 // 2.0, -7 // 2.0, 7 % -3.0, 2.0 ** -1, 10 / 4)
print(1e308 * 10, -1e308 * 10, 1e-324, 5e-324)
print(float("nan") == float("nan"), float("inf") > 1e308)
try:
    float("abc")
except ValueError as e:
    print(e)
try:
    10.0 ** 400
except OverflowError as e:
    print(e)
try:
    int(float("inf"))
except OverflowError as e:
    print(e)
try:
    int(float("nan"))
except ValueError as e:
    print(e)
