# A container class: __getitem__, __setitem__, __delitem__, with slices.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}

    def __getitem__(self, key):
        if isinstance(key, slice):
            return ("slice", key.start, key.stop, key.step)
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError("cell %r is off the grid" % (key,))
        return self.cells.get(key, ".")

    def __setitem__(self, key, value):
        print("  set", key, value)
        self.cells[key] = value

    def __delitem__(self, key):
        print("  del", key)
        del self.cells[key]

    def __len__(self):
        return len(self.cells)


g = Grid(3, 2)
g[0, 0] = "a"
g[2, 1] = "b"
print(g[0, 0], g[1, 1], g[2, 1], len(g))
print(g[1:5], g[::2], g[:])
del g[0, 0]
print(g[0, 0], len(g))
try:
    g[5, 5]
except IndexError as e:
    print("IndexError:", e)
try:
    del g[1, 1]
except KeyError as e:
    print("KeyError:", e)
g[0, 1] = g[2, 1] * 3
print(g[0, 1])


class ReadOnly:
    def __getitem__(self, i):
        return i


r = ReadOnly()
print(r[5], r["key"], r[1, 2])
try:
    r[0] = 1
except TypeError as e:
    print(e)
try:
    del r[0]
except TypeError as e:
    print(e)
