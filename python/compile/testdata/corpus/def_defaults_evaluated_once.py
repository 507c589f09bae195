# Default values are evaluated once, when the def runs.
calls = []


def default_value(tag):
    calls.append(tag)
    return len(calls)


def f(x=default_value("f")):
    return x


def g(x=default_value("g"), y=default_value("g2")):
    return (x, y)


print(calls)
print(f(), f(), f(10))
print(g(), g(y=0))
print(calls)

n = 1


def show(value=n):
    return value


n = 2
print(show(), n)


def append_to(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


print(append_to(1), append_to(2), append_to(3, [0]))
