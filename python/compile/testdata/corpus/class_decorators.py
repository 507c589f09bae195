# Decorators on classes, and decorators that take arguments.
registry = {}


def register(cls):
    registry[cls.__name__] = cls
    return cls


def with_greeting(text):
    def decorate(cls):
        cls.greeting = text
        return cls
    return decorate


@register
@with_greeting("hi")
class Plugin:
    pass


@register
class Other:
    greeting = "hello"


print(sorted(registry), Plugin.greeting, Other.greeting)
print(registry["Plugin"] is Plugin)


def add_repr(cls):
    def __repr__(self):
        fields = ", ".join("%s=%r" % (k, v) for k, v in vars(self).items())
        return cls.__name__ + "(" + fields + ")"
    cls.__repr__ = __repr__
    return cls


@add_repr
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


print(Point(1, "two"))
print([Point(0, 0)])
