# Zero-argument super() in __init__ and in ordinary methods.
class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self):
        return "%s with area %s" % (self.name, self.area())


class Rectangle(Shape):
    def __init__(self, w, h):
        super().__init__("rectangle")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"

    def describe(self):
        return "[" + super().describe() + "]"


print(Shape("blob").describe())
print(Rectangle(2, 3).describe())
print(Square(4).describe())
s = Square(2)
print(s.w, s.h, s.area(), isinstance(s, Shape))


class Loud(Square):
    def area(self):
        base = super().area()
        return base * 10


print(Loud(1).describe())
