# Classes deriving from set, frozenset, bytes and bytearray.


class Tags(set):
    def tag(self, *names):
        for n in names:
            self.add(n)
        return self


t = Tags([1, 2, 3])
t.tag(5)
print(t, len(t), 2 in t, 4 in t, sorted(t))
print(t | {9}, type(t | {9}).__name__, t & {1, 5}, t - {1})
print(Tags(), isinstance(t, set), type(t).__name__, t == {1, 2, 3, 5})
t.discard(3)
print(t, t.issubset({1, 2, 5, 8}))


class Frozen(frozenset):
    def describe(self):
        return "%d items" % len(self)


f = Frozen([1, 2, 3])
print(f, f.describe(), hash(f) == hash(frozenset([1, 2, 3])), {f: "x"}[frozenset([1, 2, 3])])
print(Frozen(), f | {4}, type(f | {4}).__name__)


class Packet(bytes):
    def checksum(self):
        return sum(self) % 256


pk = Packet([104, 105, 33])
print(pk, len(pk), pk[0], pk[1:], pk.decode(), pk.checksum(), pk.upper())
print(pk == bytes([104, 105, 33]), isinstance(pk, bytes), type(pk).__name__, bytes(pk), type(bytes(pk)).__name__)
print(list(pk), pk.hex(), Packet("ok", "ascii"))
class Buf(bytearray):
    def tail(self, n):
        return bytes(self[-n:])
b = Buf(b"hello")
b.extend(b" world")
b[0] = 72
print(b, len(b), b.tail(5), type(b).__name__, isinstance(b, bytearray), b.upper(), type(b.upper()).__name__)
print(Buf(), Buf(3), Buf("ab", "ascii"), b == bytearray(b"Hello world"))
b += b"!"
print(type(b).__name__, b, b.decode())
try:
    hash(b)
except TypeError as e:
    print("TypeError:", e)
