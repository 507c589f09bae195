# collections.deque: both ends, maxlen, rotate, indexing, searching,
# iteration that notices mutation, and the errors, in CPython's words.
from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.extend([5, 6])
d.extendleft([9, 8])
print(d, d.count(5), d.index(5), 5 in d, 7 in d)
d.rotate(2)
print("rotate 2:", d)
d.rotate(-3)
print("rotate -3:", d)
d.reverse()
print("reversed:", d, list(reversed(d)))
d.remove(9)
d[0] = 100
del d[1]
print(d, bool(d), bool(deque()))
d.insert(1, "x")
print(d, d.index("x"), d.copy(), d.copy() is d)

window = deque(maxlen=3)
for i in range(6):
    window.append(i)
    print("window", list(window), sum(window))
window.appendleft(-1)
print(window, window.maxlen, deque([1, 2]).maxlen)
print(deque(range(10), maxlen=4), deque("abc"), deque())

history = deque()
for event in ["open", "read", "read", "write", "close"]:
    history.append(event)
while history:
    print("handled", history.popleft())

print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == [1, 2], deque([1]) < deque([2]))
print(deque([1, 2]) + deque([3]))
d2 = deque([3, 1, 2])
d2 += [7]
print(d2, sorted(d2), max(d2), list(enumerate(d2)))

try:
    for x in d2:
        d2.append(x)
except RuntimeError as e:
    print("RuntimeError:", e)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5]]:
    try:
        bad()
    except IndexError as e:
        print("IndexError:", e)
try:
    deque([1, 2]).remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    deque([1, 2]).index(3)
except ValueError as e:
    print("ValueError:", e)
try:
    deque([], maxlen=-1)
except ValueError as e:
    print("ValueError:", e)


class Tail(deque):
    def last(self):
        return self[-1]


t = Tail([1, 2, 3], maxlen=2)
print(t, t.last(), isinstance(t, deque), type(t).__name__)
