class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
    def kind(self):
        return __class__.__name__

p = Point(3, -4)
print(p.norm1(), p.kind(), Point.dims, Point.__qualname__, Point.__init__.__qualname__)

def make(tag):
    class Tagged:
        label = tag
        print(label, __qualname__, __module__)
        def show(self):
            return tag
    return Tagged

T = make("first")
print(T.label, T().show(), T.__qualname__)

x = "global"
def shadow():
    x = "enclosing"
    class C:
        y = x
    class D:
        print(x)
        x = "class"
        print(x)
    return C.y, D.x
print(shadow())

class Q(Point):
    dims = 3
    def kind(self):
        return "Q, not " + Point.kind(self)
print(Q(1, 2).norm1(), Q.dims, Q(0, 0).kind())
try:
    Point(1)
except TypeError as e:
    print(e)
