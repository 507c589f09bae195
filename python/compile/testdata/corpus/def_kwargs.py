# **kwargs collects the keyword arguments no parameter takes, in call order.
def describe(kind, **props):
    parts = [kind]
    for key, value in props.items():
        parts.append(key + "=" + repr(value))
    return ", ".join(parts)


print(describe("circle"))
print(describe("circle", radius=2, color="red"))
print(describe(kind="square", side=3))

options = {"width": 10, "height": 4}
print(describe("rect", **options))
print(describe("rect", depth=1, **options))


def collect(**kw):
    return kw


d = collect(b=2, a=1)
print(d, list(d), type(d).__name__)

try:
    describe("x", **{"kind": "y"})
except TypeError as e:
    print(e)

try:
    describe("x", **[1, 2])
except TypeError as e:
    print(e)
