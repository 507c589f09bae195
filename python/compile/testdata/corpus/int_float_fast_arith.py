# BINARY_OP's fast paths (core/evalops.go binaryFast) against the general
# ones: //, %, /, &, |, ^ of ints at the edges of int64 and of exact
# float conversion, and +, -, *, / mixing floats and ints, with zeros,
# signed zeros, infinities and NaN.
vals = [0, 1, -1, 7, -7, 2**53, 2**53 + 1, -2**63, 2**63 - 1]
fl = [0.0, -0.0, 1.5, -2.25, 1e308, float("inf"), float("nan")]
out = []
for a in vals:
    for b in vals:
        for name, f in [("//", lambda a, b: a // b), ("%", lambda a, b: a % b), ("/", lambda a, b: a / b),
                        ("&", lambda a, b: a & b), ("|", lambda a, b: a | b), ("^", lambda a, b: a ^ b)]:
            try:
                r = f(a, b)
            except ZeroDivisionError as e:
                r = "ZDE " + str(e)
            out.append("%r %s %r = %r" % (a, name, b, r))
for a in vals + fl:
    for b in vals + fl:
        if isinstance(a, int) and isinstance(b, int):
            continue
        for name, f in [("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b), ("/", lambda a, b: a / b)]:
            try:
                r = f(a, b)
            except (ZeroDivisionError, OverflowError) as e:
                r = type(e).__name__ + " " + str(e)
            out.append("%r %s %r = %r" % (a, name, b, r))
x = 10
x //= 3
y = 2.5
y /= 2
z = 7
z %= -3
print(len(out), x, y, z)
for line in out:
    print(line)


def bits(a, b):
    return a & b, a | b, a ^ b, a // b if b else None, a % b if b else None, a / b if b else None


# bool is an int whose &, | and ^ with a bool stay bool.
print(bits(True, False), bits(True, True), bits(True, 3), bits(6, True), bits(False, 2.5 > 1))
