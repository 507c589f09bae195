# One LOAD_ATTR site reading instances whose dicts hold the attribute at
# different positions: after other attributes, after a deleted entry,
# under a key that is not the interned name, missing, deleted and set
# again. rwgil's attribute slot remembers where it found the name last
# and must never take another entry's value for it.


class P:
    pass


def read(o):
    return o.x


a = P()
a.x = 1
a.y = 2
b = P()
b.y = 3
b.x = 4
c = P()
c.x = 5
del c.x
c.z = 6
c.x = 7
d = P()
setattr(d, "".join(["x"]), 8)
e = P()
e.__dict__["x"] = 9
f = P()
f.y = 0
for o in [a, b, c, d, e, a, b, c, d, e]:
    print(read(o))
try:
    read(f)
except AttributeError as err:
    print(err)

objs = []
for i in range(20):
    o = P()
    if i % 2:
        o.x = i
        o.y = -i
    else:
        o.y = -i
        o.x = i
    objs.append(o)
print(sum(read(o) for o in objs))

del a.x
try:
    read(a)
except AttributeError as err:
    print(err)
a.y = 12
a.x = 11
print(read(a), list(a.__dict__))
a.__dict__.clear()
a.w = 0
a.x = 13
print(read(a), list(a.__dict__))
