class Base:
    attr = 1
    def method(self):
        return attr

class Child(Base):
    def __init__(self):
        super().__init__()
    def klass(self):
        return __class__
    def __private(self):
        self.__x = 1
        return self.__private

def factory(v):
    class Local:
        v = 2
        w = v
        def get(self):
            return v
    return Local

def outer():
    y = 1
    class C:
        z = y
    return C

class __Under:
    def __m(self):
        __q = 1
        return __q

class Nest:
    class Inner:
        def f(self):
            return super()
