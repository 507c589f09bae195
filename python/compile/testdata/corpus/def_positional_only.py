# Parameters before / can only be passed by position.
def clamp(value, lo, hi, /):
    return max(lo, min(value, hi))


def scale(x, /, factor=2):
    return x * factor


print(clamp(15, 0, 10), clamp(-3, 0, 10), clamp(4, 0, 10))
print(scale(3), scale(3, 5), scale(3, factor=10))

try:
    clamp(value=1, lo=0, hi=5)
except TypeError as e:
    print(e)

try:
    scale(x=3)
except TypeError as e:
    print(e)


# A positional-only name may also arrive in **kwargs.
def tag(name, /, **attrs):
    return name + "".join(" %s=%s" % (k, v) for k, v in attrs.items())


print(tag("div", name="main", id=7))
