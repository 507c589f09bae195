# Spans over several lines, and the constructs around them.
import sys

values = [
    1,
    2,
]
total = (
    values[0]
    + values[1]
)
text = (
    "a"
    .join(["x", "y"])
    .upper()
)
result = dict(
    a=1,
    **{"b": 2},
)
print(*values, sep=", ",
      file=sys.stdout)


def f(n,
      m=(1 +
         2)):
    return [
        n * m
        for _ in range(2)
        if n
    ]


class Meta(type):
    pass


class K(object, metaclass=Meta):
    items = {k: v
             for k, v in zip("ab", range(2))}

    def method(self):
        return (lambda: self)()


def walrus(xs):
    if (n := len(xs)) > 1:
        return n
    del xs[0], walrus.__doc__
    xs[0].real += 1
    assert xs, (
        "empty"
    )
    return f"{n!r:{'>' + str(n)}}"
