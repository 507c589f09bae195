"""A module docstring: the first statement of the module."""


def documented():
    """Return forty-two.

    The docstring is the function's first statement.
    """
    return 42


def undocumented():
    pass


class Thing:
    """A class docstring."""

    def method(self):
        "single-quoted docstring"
        pass


class Empty:
    pass


for _ in range(2):
    pass

print(__doc__)
print(documented.__doc__.splitlines()[0], documented())
print(undocumented.__doc__, undocumented())
print(Thing.__doc__, Thing().method.__doc__, Thing().method())
print(Empty.__doc__, type(Empty()).__name__)
if True:
    pass
else:
    pass
try:
    pass
except Exception:
    pass
print("pass does nothing")
