# copy and deepcopy through a class's own __reduce__ / __reduce_ex__,
# and the state __setstate__ receives: the __dict__ (None, so no call,
# when it is empty), paired with the slots' values when there are any --
# the shapes pyperformance's deepcopy benchmark relies on.
import copy


class C:
    def __init__(self):
        self.a = 1
        self.b = [2]

    def __reduce__(self):
        return (C, (), self.__dict__)

    def __setstate__(self, state):
        print("C.__setstate__", sorted(state))
        self.__dict__.update(state)


c = C()
d = copy.deepcopy(c)
print(d.a, d.b, d.b is c.b)
e = copy.copy(c)
print(e.b is c.b)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __reduce_ex__(self, protocol):
        print("protocol", protocol)
        return (Point, (self.x, self.y))


p = copy.deepcopy(Point(3, [4]))
print(p.x, p.y)


class Named:
    def __reduce__(self):
        return "Named"


n = Named()
print(copy.copy(n) is n, copy.deepcopy(n) is n)


class Watch:
    def __setstate__(self, state):
        print("Watch.__setstate__", state)
        self.__dict__.update(state)


w = Watch()
copy.copy(w)
w.z = 3
print(copy.deepcopy(w).z)


class Slotted:
    __slots__ = ("p", "q")


s = Slotted()
s.p = [1]
t = copy.deepcopy(s)
print(t.p, t.p is s.p, hasattr(t, "q"))


class Items:
    def __init__(self):
        self.log = []

    def __reduce__(self):
        return (Items, (), {"log": ["restored"]}, iter([]), None)


print(copy.deepcopy(Items()).log)


class Stack(list):
    def __reduce__(self):
        return (Stack, (), None, iter(self))


st = copy.deepcopy(Stack([1, [2]]))
print(type(st).__name__, st)


class Bad:
    def __reduce__(self):
        return 42


try:
    copy.copy(Bad())
except TypeError as err:
    print("TypeError:", err)
