# Each attribute site below runs several times, so that what it learned
# about a class on the first run is used on the next ones -- then the
# class, a base, the instance or its class changes under it, and the
# site must see the change.


def read_x(o):
    return o.x


def write_x(o, v):
    o.x = v


def call_m(o):
    return o.m()


class Base:
    def m(self):
        return "Base.m"


class C(Base):
    def __init__(self):
        self.x = 1


c = C()
print([read_x(c) for _ in range(3)], [call_m(c) for _ in range(3)])

# A method replaced on the class, then on a base of a class that inherits it.
C.m = lambda self: "C.m replaced"
print([call_m(c) for _ in range(2)])
del C.m
print([call_m(c) for _ in range(2)])
Base.m = lambda self: "Base.m replaced"
print([call_m(c) for _ in range(2)])

# The instance dict shadows the method, then stops shadowing it.
c.m = lambda: "instance attribute"
print([call_m(c) for _ in range(2)])
del c.m
print([call_m(c) for _ in range(2)])

# A property appears on the class for a name the instance dict held.
for v in range(3):
    write_x(c, v)
print(read_x(c), c.__dict__)
C.x = property(lambda self: "property", lambda self, v: print("setter", v))
print([read_x(c) for _ in range(2)])
write_x(c, 10)
write_x(c, 11)
del C.x
print(read_x(c), c.__dict__)

# __getattr__ and __setattr__ appear after the sites have cached.
def missing(o):
    return o.nope


class D:
    pass


d = D()
for _ in range(2):
    try:
        missing(d)
    except AttributeError as e:
        print("AttributeError:", e)
D.__getattr__ = lambda self, name: "getattr " + name
print([missing(d) for _ in range(2)])
for v in range(2):
    write_x(d, v)
print(read_x(d))
D.__setattr__ = lambda self, name, v: print("setattr", name, v)
write_x(d, 5)
write_x(d, 6)
print(read_x(d))

# One site, instances of several classes in turn.
class E:
    def __init__(self):
        self.x = "E"

    def m(self):
        return "E.m"


class F:
    def __init__(self):
        self.x = "F"

    def m(self):
        return "F.m"


objs = [E(), F(), E(), F()]
print([read_x(o) for o in objs], [call_m(o) for o in objs])
e = F()
print(read_x(e), call_m(e))

# An attribute deleted from the instance; a class attribute read through it.
del e.x
for _ in range(2):
    try:
        read_x(e)
    except AttributeError as err:
        print("AttributeError:", err)
F.x = "class attribute"
print([read_x(e) for _ in range(2)])
write_x(e, "instance again")
print(read_x(e), F.x)

# A method that is not a plain function: a staticmethod, a builtin.
class G:
    def m(self):
        return "G.m"


g = G()
print([call_m(g) for _ in range(2)])
G.m = staticmethod(lambda: "static")
print([call_m(g) for _ in range(2)])
G.m = classmethod(lambda cls: "classmethod of " + cls.__name__)
print([call_m(g) for _ in range(2)])
