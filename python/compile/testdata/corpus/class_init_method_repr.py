class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"
p = Point(1, 2)
q = p.moved(3, dy=4)
print(p, q, [p, q])
print(p.x, q.y, isinstance(p, Point), type(q) is Point)
