# Class keywords go to the bases' __init_subclass__; object's takes none.
class Base:
    registry = []
    def __init_subclass__(cls, tag=None, **kw):
        print("subclass", cls.__name__, tag, kw)
        super().__init_subclass__(**kw)
        Base.registry.append((cls.__name__, tag))
class A(Base, tag="a"):
    pass
class B(A):
    pass
print(Base.registry)
try:
    class C(Base, tag=1, other=2):
        pass
except TypeError as e:
    print(e)
try:
    class D(tag=1):
        pass
except TypeError as e:
    print(e)
class E(metaclass=type):
    pass
print(E.__name__)
