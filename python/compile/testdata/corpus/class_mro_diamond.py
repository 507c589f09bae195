# Multiple inheritance: the C3 method resolution order and cooperative super().
class Base:
    def __init__(self):
        print("Base.__init__")

    def hello(self):
        return ["Base"]


class Left(Base):
    def __init__(self):
        print("Left.__init__")
        super().__init__()

    def hello(self):
        return ["Left"] + super().hello()


class Right(Base):
    def __init__(self):
        print("Right.__init__")
        super().__init__()

    def hello(self):
        return ["Right"] + super().hello()


class Bottom(Left, Right):
    def __init__(self):
        print("Bottom.__init__")
        super().__init__()

    def hello(self):
        return ["Bottom"] + super().hello()


b = Bottom()
print(b.hello())
print([c.__name__ for c in Bottom.__mro__])
print(isinstance(b, Right), issubclass(Bottom, Base))


class X: pass
class Y: pass
class Z: pass
class XY(X, Y): pass
class YZ(Y, Z): pass
class All(XY, YZ): pass


print([c.__name__ for c in All.__mro__])
print([c.__name__ for c in All.__bases__])
