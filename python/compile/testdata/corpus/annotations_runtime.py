# Annotations at run time: __annotations__ of a module, a class (its own,
# never a base's) and a function, private names mangled, names in blocks.
import sys
x: int = 3
y: "list[int]"
class A:
    a: int
    b: dict[str,  int] = {}
    __p: float
    if True:
        c: "A | None" = None
    def f(self, q: int) -> int:
        z: int = 1
        return z
print(__annotations__)
print(A.__annotations__, A.b, A.c)
class B:
    pass
print(hasattr(B, '__annotations__'), '__annotations__' in B.__dict__)
class A0:
    x: int
class B(A0): pass
print(B.__annotations__, A0.__annotations__)
B.__annotations__ = {"q": 1}; print(B.__annotations__)
del B.__annotations__
print(B.__annotations__)
try:
    int.__annotations__
except AttributeError as e: print(e)
def f(a: int, *args: str, b: "list[int]" = None, **kw: float) -> bool:
    return True
def g(x, y):
    pass
print(f.__annotations__, g.__annotations__, g.__annotations__ is g.__annotations__)
class Priv:
    __secret: int
    def m(self, __p: int) -> None: ...
print(Priv.__annotations__, Priv.m.__annotations__)
