# Classes: bases, keywords, decorators, methods, properties, nested classes.
class A:
    pass


class B(A):
    x = 1

    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"B({self.v!r})"

    @property
    def value(self):
        return self.v

    @value.setter
    def value(self, v):
        self.v = v

    @staticmethod
    def s():
        return 1

    @classmethod
    def c(cls):
        return cls()


class C(A, B, metaclass=Meta, flag=True):
    """Docstring."""

    class Inner:
        pass


class D():
    def method(self):
        return super().method()


@decorator
class E:
    pass


@dec.attr(1, key=2)
@other
class F(*bases, **kw):
    pass
