s = slice(1, 10, 3)
print(s, s.start, s.stop, s.step, slice(5), slice(None, -1))
print(s.indices(5), slice(None, None, -2).indices(6), slice(-100, 100).indices(4))
L = list(range(10))
print(L[::2], L[::-1], L[7:2:-2], L[-3::], L[100::-3], L[2:8:3])
t = tuple(L)
print(t[1::4], t[::-3], t[:] is t, t[5:5:1])
w = "hello, world"
print(w[::2], w[::-1], w[-5::2], w[:] is w, "ünïcödé"[::-2])
r = range(0, 30, 3)
print(r[::2], r[::-1], r[1:7:2], list(r[::-4]))
L[1:9:3] = ["a", "b", "c"]
print(L)
L[::-4] = "xyz"
print(L)
del L[::3]
print(L)
del L[::-2]
print(L)
M = [0, 1, 2, 3, 4]
M[1:3] = (7, 8, 9)
M[::1] = M
print(M)
d = {slice(1, 2): "a slice key"}
print(d[slice(1, 2)], slice(1, 2) in d)
try:
    L[::0]
except (ValueError, TypeError) as e:
    print('L[::0]', type(e).__name__, e)
try:
    L[1:2:'x']
except (ValueError, TypeError) as e:
    print("L[1:2:'x']", type(e).__name__, e)
try:
    L[::2] = [1]
except (ValueError, TypeError) as e:
    print('L[::2] = [1]', type(e).__name__, e)
try:
    L[::2] = 5
except (ValueError, TypeError) as e:
    print('L[::2] = 5', type(e).__name__, e)
try:
    L[1:2] = 5
except (ValueError, TypeError) as e:
    print('L[1:2] = 5', type(e).__name__, e)
try:
    t[::2] = (1,)
except (ValueError, TypeError) as e:
    print('t[::2] = (1,)', type(e).__name__, e)
try:
    del w[::2]
except (ValueError, TypeError) as e:
    print('del w[::2]', type(e).__name__, e)
try:
    slice()
except (ValueError, TypeError) as e:
    print('slice()', type(e).__name__, e)
try:
    slice(1, 2, 3, 4)
except (ValueError, TypeError) as e:
    print('slice(1, 2, 3, 4)', type(e).__name__, e)
try:
    s.indices(-1)
except (ValueError, TypeError) as e:
    print('s.indices(-1)', type(e).__name__, e)
