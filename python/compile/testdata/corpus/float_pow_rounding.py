# Float powers with integer exponents, printed to the last digit: CPython's
# pow is glibc's, and rwgil rounds the exact power once.
y = (7.75 * 2.5e-3) ** 3
print(y)
for base in [1.1, 0.1, 3.7, -2.3, 123.456, 1e-5, 2.5, 0.3]:
    print(base, [base ** n for n in (-3, -2, -1, 0, 1, 2, 3, 4, 5, 8)])
print(2.0 ** 1023, 2.0 ** -1074, 0.5 ** 1075, (-2.0) ** 3, (-0.5) ** -3)
try:
    10.0 ** 400
except OverflowError as e:
    print("OverflowError:", e)
print(2 ** 0.5, 10 ** -2, 4 ** 0.5)
