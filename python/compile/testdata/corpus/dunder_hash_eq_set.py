# __hash__ and __eq__ decide dict keys and set members.
class Coord:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Coord) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return "Coord(%d, %d)" % (self.x, self.y)


visited = {Coord(0, 0), Coord(1, 0), Coord(0, 0)}
print(len(visited), Coord(1, 0) in visited, Coord(2, 2) in visited)
grid = {Coord(0, 0): "start"}
grid[Coord(0, 0)] = "origin"
print(grid)


class EqOnly:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v


print(EqOnly(1) == EqOnly(1), EqOnly.__hash__)
try:
    {EqOnly(1)}
except TypeError as e:
    print(e)


class Plain:
    pass


p = Plain()
print(p in {p}, p == p, Plain() == Plain())


class Unhashable:
    __hash__ = None


try:
    hash(Unhashable())
except TypeError as e:
    print(e)
print(hash(7) == hash(7.0), hash((1, 2)) == hash((1, 2)))
