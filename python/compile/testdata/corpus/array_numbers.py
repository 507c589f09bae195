# array.array: construction from lists, iterables, bytes and strs, item
# conversion and range checks per typecode, the sequence operations,
# bytes round trips, and the errors CPython raises -- what raytrace and
# scimark (pyperformance) use, and more.
import array

print(array.typecodes)
for tc in "bBhHiIlLqQfdu":
    print(tc, array.array(tc).itemsize, repr(array.array(tc)))

d = array.array("d", [1, 2.5])
print(d, d[0], d[-1], d[1:], len(d), d.typecode)
print(d * 2, 2 * d[:1], d + d, array.array("d", [0]) * 3)
f = array.array("f", [0.1, 1.5])
print(f, f[0])
i = array.array("i", range(5))
i.append(7)
i.extend([8, 9])
i.insert(0, -1)
i.remove(3)
print(i, i.pop(), i.pop(0), i, i.index(4), i.count(1), 4 in i, 99 in i)
i.reverse()
print(i, list(reversed(i)), sorted(i), sum(i), i.tolist())
i[0] = 100
i[1:3] = array.array("i", [5])
del i[-1]
print(i)
x = array.array("d", (v / 2 for v in range(4)))
x += array.array("d", [9])
x *= 2
print(x, x == array.array("d", [0, 0.5, 1, 1.5, 9] * 2), x == list(x))
print(array.array("i", [1, 2]) == array.array("d", [1.0, 2.0]), array.array("i", [1]) < array.array("i", [2]))

b = array.array("B", b"ab")
b.frombytes(b"\x01\x02")
b.fromlist([255])
print(b, b.tobytes(), array.array("h", [1, -2]).tobytes(), array.array("d", [1.5]).tobytes())
print(array.array("h", array.array("h", [3, 4]).tobytes() * 1), array.array("i", b"\x01\x00\x00\x00"))
u = array.array("u", "hé")
u.fromunicode("!")
print(u, u.tounicode(), u[1], len(u))
w = array.array("H", [1, 2])
w.byteswap()
print(w)

cases = [
    lambda: array.array("b", [128]),
    lambda: array.array("b", [-129]),
    lambda: array.array("B", [256]),
    lambda: array.array("B", [-1]),
    lambda: array.array("h", [2 ** 15]),
    lambda: array.array("H", [-1]),
    lambda: array.array("i", [2 ** 31]),
    lambda: array.array("I", [-1]),
    lambda: array.array("I", [2 ** 32]),
    lambda: array.array("l", [2 ** 63]),
    lambda: array.array("L", [-1]),
    lambda: array.array("L", [2 ** 64]),
    lambda: array.array("q", [2 ** 63]),
    lambda: array.array("Q", [-1]),
    lambda: array.array("Q", [2 ** 64]),
    lambda: array.array("i", [1.5]),
    lambda: array.array("d", ["x"]),
    lambda: array.array("z"),
    lambda: array.array("i", "abc"),
    lambda: array.array("d", [1])[5],
    lambda: d.index(42),
    lambda: d.remove(42),
    lambda: array.array("i").pop(),
    lambda: d.extend(array.array("i", [1])),
    lambda: d + array.array("i", [1]),
    lambda: d.__setitem__(slice(0, 1), [1]),
    lambda: array.array("B", b"abc").__setitem__(0, 300),
    lambda: array.array("h").frombytes(b"abc"),
    lambda: i.fromlist((1, 2)),
]
for case in cases:
    try:
        case()
        print("no error")
    except (OverflowError, TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)

lo, hi = array.array("i", [1, 2]), array.array("i", [1, 3])
print(lo < hi, lo <= hi, lo > hi, lo >= hi, lo == hi, lo != hi, lo == [1, 2], lo != [1, 2])
