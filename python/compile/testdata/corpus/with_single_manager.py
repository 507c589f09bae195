# with: __enter__'s result is bound by as; __exit__ runs however the body ends.
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type is None)
        return False


with Resource("db") as handle:
    print("using", handle)

with Resource("plain"):
    print("no as target")

try:
    with Resource("failing") as h:
        print("about to fail with", h)
        raise RuntimeError("boom")
except RuntimeError as e:
    print("propagated:", e)

r = Resource("target")
with r as (first, *rest):
    print(first, rest)
