# A true value from __exit__ suppresses the exception.
class Suppress:
    def __init__(self, *types):
        self.types = types

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            print("suppressed", exc_type.__name__ + ":", exc)
            return True
        return None


with Suppress(KeyError, IndexError):
    {}["missing"]
    print("not reached")
print("after the first with")

with Suppress(ZeroDivisionError):
    print("no exception here")

try:
    with Suppress(KeyError):
        int("x")
except ValueError as e:
    print("not suppressed:", e)


def first_item(items):
    with Suppress(IndexError):
        return items[0]
    return "empty"


print(first_item([5]), first_item([]))
