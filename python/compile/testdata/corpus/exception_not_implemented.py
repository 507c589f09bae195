# NotImplementedError for methods a subclass must provide.
class Shape:
    def area(self):
        raise NotImplementedError(type(self).__name__ + " must define area()")

    def report(self):
        try:
            return "area %s" % self.area()
        except NotImplementedError as e:
            return "no area: " + str(e)


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2


class Blob(Shape):
    pass


for shape in [Square(3), Blob()]:
    print(shape.report())
print(NotImplementedError.__mro__[1].__name__, NotImplemented is not NotImplementedError)
Blob().area()
