# Attribute hooks added to or removed from a class, or a base, after its
# instances' attributes have been read and written: each access sees the
# change at once (rwgil caches which hooks a class has beside its version).


class Base:
    pass


class Point(Base):
    def __init__(self, x):
        self.x = x


p = Point(1)
for _ in range(3):
    p.x = p.x + 1
print(p.x, getattr(p, "missing", "no attribute"))


def base_getattr(self, name):
    return "Base.__getattr__(" + name + ")"


Base.__getattr__ = base_getattr
print(p.x, p.missing)
del Base.__getattr__
print(getattr(p, "missing", "no attribute again"))

log = []


def logged_setattr(self, name, value):
    log.append((type(self).__name__, name, value))
    object.__setattr__(self, name, value * 10)


Point.__setattr__ = logged_setattr
p.x = 5
q = Point(7)
print(p.x, q.x, log)
del Point.__setattr__
p.x = 5
print(p.x, len(log))

Base.__setattr__ = logged_setattr
p.y = 2
print(p.y, log[-1])
del Base.__setattr__


def loud_getattribute(self, name):
    value = object.__getattribute__(self, name)
    return ("got", name, value)


Base.__getattribute__ = loud_getattribute
print(p.x)
del Base.__getattribute__
print(p.x)


def refusing_delattr(self, name):
    raise AttributeError("will not delete " + name)


Point.__delattr__ = refusing_delattr
try:
    del p.x
except AttributeError as e:
    print(e)
del Point.__delattr__
del p.x
print(hasattr(p, "x"), p.y)


class Slotted(Point):
    def __getattr__(self, name):
        return name.upper()


s = Slotted(3)
print(s.x, s.other)
Slotted.__getattr__ = lambda self, name: "replaced " + name
print(s.other)
