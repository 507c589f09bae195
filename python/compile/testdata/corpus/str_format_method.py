# str.format: positional, numbered and keyword fields, attributes, indexes, specs.
print("{} and {}".format("spam", "eggs"))
print("{1} and {0}, {0}!".format("spam", "eggs"))
print("{name} is {age}".format(name="ann", age=30))
print("{0[0]} {0[1]} {1[key]}".format(["a", "b"], {"key": "v"}))


class P:
    x = 3
    y = [10, 20]


print("{0.x} {0.y[1]} {p.x}".format(P(), p=P()))
print("{:>8}|{:<8}|{:^8}|{:*^9}".format("r", "l", "c", "s"))
print("{:08.3f} {:,} {:x} {:#b} {:e} {:%}".format(3.14159, 10**6, 255, 5, 12345.678, 0.25))
print("{0!r} {0!s} {0!a}".format("é"))
print("{:{w}.{p}f}|{:>{}}".format(2 / 3, "x", 4, w=8, p=2))
print("{{}} {{{}}}".format("braced"))
print("{}".format(None), "{:d}".format(True), "{!r:>6}".format("a"))
d = {"user": "kim", "id": 7}
print("{user}#{id}".format(**d), "{}-{}".format(*"ab"))
print("{0}{1}{0}".format("ab", "-"), "{:.3}".format("abcdef"))
for fmt, args, kwargs in [("{2}", (1,), {}), ("{x}", (), {}), ("{} {1}", (1, 2), {}),
                          ("{:d}", ("s",), {}), ("{0.missing}", (1,), {}), ("{", (), {})]:
    try:
        print(fmt.format(*args, **kwargs))
    except (IndexError, KeyError, ValueError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
