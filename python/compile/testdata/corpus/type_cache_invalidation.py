# The type attribute cache: a class attribute read after a change to the
# class, to a base, or to a base of a base sees the change at once.


class A:
    x = 1

    def m(self):
        return "A.m"


class B(A):
    pass


class C(B):
    pass


class D(A):
    pass


class E(C, D):
    pass


def read(o, name):
    return getattr(o, name, "missing")


c = C()
for step in range(3):
    print(step, c.x, C.x, c.m(), read(c, "y"))  # fill the cache
    A.x = A.x + 10
    print(step, c.x, C.x, B.x)
    B.x = 100 + step  # shadows A.x for B and C, not for A or D
    print(step, c.x, A.x, D.x, E.x)
    del B.x
    print(step, c.x, E.x)
    A.y = step
    print(step, read(c, "y"), read(E(), "y"))
    del A.y
    print(step, read(c, "y"))


def replaced(self):
    return "replaced"


A.m = replaced
print(c.m(), E().m(), D().m())
del A.m
print(read(c, "m"), hasattr(E(), "m"))

# An instance dict shadows a non-data class attribute; a data descriptor
# added to the class afterwards wins over it.
c.z = "instance"
print(c.z)
C.z = property(lambda self: "property")
print(c.z)
del C.z
print(c.z)

# __getattr__ added to a base after misses were cached.
print(read(c, "nothere"))
B.__getattr__ = lambda self, name: "getattr " + name
print(read(c, "nothere"), read(E(), "other"))
del B.__getattr__
print(read(c, "nothere"))

# A class made in a loop: each class its own cache entries.
for i in range(3):
    K = type("K", (A,), {"v": i})
    print(K().v, K().x)
