# copy and deepcopy: containers, shared and cyclic structure, instances,
# __copy__/__deepcopy__, __getstate__/__setstate__, subclasses of builtins.
import copy

orig = {"a": [1, 2], "b": ({"x": 1},), "c": "text"}
shallow = copy.copy(orig)
deep = copy.deepcopy(orig)
orig["a"].append(3)
orig["b"][0]["x"] = 99
print(shallow, deep)
print(shallow["a"] is orig["a"], deep["a"] is orig["a"], deep["c"] is orig["c"])

t = (1, "two", (3,))
print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2])
d2 = copy.deepcopy(t2)
print(d2 == t2, d2 is t2, d2[1] is t2[1])

shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)

cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is cyc, len(dc))

s = {1, 2, 3}
print(copy.copy(s) == s, copy.copy(s) is s, sorted(copy.deepcopy(frozenset([1, 2, 3]))))


class Point:
    def __init__(self, x, y, tags):
        self.x, self.y, self.tags = x, y, tags

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.tags})"


p = Point(1, 2, ["a"])
p1, p2 = copy.copy(p), copy.deepcopy(p)
p.tags.append("b")
print(p1, p2, type(p2).__name__, p1.tags is p.tags, p2.tags is p.tags)


class Counted:
    copies = 0

    def __init__(self, v):
        self.v = v

    def __copy__(self):
        Counted.copies += 1
        return Counted(self.v)

    def __deepcopy__(self, memo):
        Counted.copies += 10
        return Counted(copy.deepcopy(self.v, memo))


c = Counted([1])
print(copy.copy(c).v is c.v, copy.deepcopy(c).v is c.v, Counted.copies)


class Conn:
    def __init__(self, host):
        self.host = host
        self.socket = "open socket"

    def __getstate__(self):
        return {"host": self.host}

    def __setstate__(self, state):
        self.host = state["host"]
        self.socket = "reconnected"


cc = copy.deepcopy(Conn("db"))
print(cc.host, cc.socket)


class Tagged(list):
    pass


tl = Tagged([1, [2]])
tl.label = "mine"
ct = copy.deepcopy(tl)
print(type(ct).__name__, ct, ct.label, ct[1] is tl[1])


class Env(dict):
    pass


e = Env(a=1)
e.scope = "local"
ce = copy.copy(e)
print(type(ce).__name__, ce, ce.scope)


class Slotted:
    __slots__ = ("a", "b")


sl = Slotted()
sl.a = [1]
cs = copy.deepcopy(sl)
print(cs.a, cs.a is sl.a, hasattr(cs, "b"))

print(copy.copy(len) is len, copy.deepcopy(Point) is Point, copy.copy(None), copy.deepcopy(3.5))
print(issubclass(copy.Error, Exception), copy.error is copy.Error)
