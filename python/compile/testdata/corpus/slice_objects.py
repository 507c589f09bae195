# slice objects: attributes, indices(), and use as a subscript.
s = slice(1, 8, 2)
print(s, s.start, s.stop, s.step)
print(slice(5), slice(None, 3), slice(2, None, -1))
data = list(range(10))
print(data[s], "abcdefghij"[s], data[slice(None, None, -4)])
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
EVERY_OTHER = slice(None, None, 2)
print(data[EVERY_OTHER], (1, 2, 3, 4)[EVERY_OTHER])
data[slice(0, 3)] = ["a"]
print(data)


class Show:
    def __getitem__(self, key):
        return key


print(Show()[1:2], Show()[::3], Show()[1:2, ::-1], Show()[...])
try:
    slice(1, 2, 0).indices(5)
except ValueError as e:
    print(e)
