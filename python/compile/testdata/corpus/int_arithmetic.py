# int arithmetic: big values, floor division and modulo signs, bit operations.
print(2 ** 64, 2 ** 64 - 1, -(2 ** 63), 10 ** 30 // 7, 10 ** 30 % 7)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7 / 2, -7 / 2, 6 / 3, 2 ** -2, 1 / 3)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, -5 & 0xFF, 1 << 100, -16 >> 2, -1 >> 10)
print(3 * 4 + 2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2, 10 - 3 - 2)
print(123456789 * 987654321, 999999999999999999999 + 1, -(-5), +5)
print(0 == -0, 1 == 1.0, 10 ** 16 + 1 == 1e16 + 1, 2 ** 53 + 1 == float(2 ** 53 + 1))
print(7 .__add__(1), (255).bit_length(), int.__name__)
for a, b in [(1, 0), (1, 0.0)]:
    for op in ["/", "//", "%"]:
        try:
            if op == "/":
                a / b
            elif op == "//":
                a // b
            else:
                a % b
        except ZeroDivisionError as e:
            print(type(b).__name__, op, e)
try:
    1 << -1
except ValueError as e:
    print(e)
try:
    2 ** 10000 / 1
except OverflowError as e:
    print(e)
