# math's exact functions -- the ones whose results are the same bit for
# bit everywhere -- and its domain and range errors.
import math

print(math.sqrt(2), math.sqrt(1e-300), math.isqrt(10**40 + 12345), math.hypot(3, 4, 12), math.dist((1, 2), (4, 6)))
print(math.floor(-3.5), math.ceil(-3.5), math.trunc(-3.5), math.floor(1e20), math.ceil(7), round(math.pi, 5))
print(math.factorial(25), math.comb(52, 5), math.perm(10, 3), math.gcd(462, 1071, 2**40), math.lcm(4, 6, 10))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e16, 1.0, -1e16]), math.prod([1.5, 2, 4]))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3, math.isclose(1e-10, 0, abs_tol=1e-9))
print(math.fabs(-2), math.copysign(1, -0.0), math.fmod(-7, 3), -7 % 3, math.modf(-2.75), math.frexp(1000), math.ldexp(0.9765625, 10))
print(math.inf > 10**300, math.isinf(-math.inf), math.isnan(math.nan), math.nan == math.nan, math.isfinite(1e308))
print(math.pi, math.e, math.tau, math.degrees(math.pi / 2), math.radians(90) == math.pi / 2)
print(f"{math.exp(1):.12f} {math.log(1000, 10):.12f} {math.log2(1 << 40):.1f} {math.log10(1e-5):.1f}")
print(f"{math.sin(math.pi / 6):.12f} {math.cos(0):.1f} {math.atan2(1, 1) * 4:.12f} {math.gamma(6):.1f}")
print(math.log(10**500) > 1151, math.log2(2**2000), math.pow(2, -1074), math.pow(-2, 3), 2 ** 0.5 == math.sqrt(2))

for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.exp(1000), lambda: math.factorial(-3),
            lambda: math.acos(2), lambda: math.pow(0, -1), lambda: math.floor(math.inf), lambda: math.isqrt(-4),
            lambda: math.fsum([math.inf, -math.inf]), lambda: math.sqrt("four"), lambda: math.comb(3, -1)]:
    try:
        print(bad())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
