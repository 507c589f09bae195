class C:
    count = 0
c = C()
d = C()
print(c.count, C.count)
c.count = 5
print(c.count, d.count, C.count)
C.count = 7
print(c.count, d.count)
del c.count
print(c.count)
C.extra = "new"
print(d.extra)
d.own = 1
del d.own
print(hasattr(d, "own"), hasattr(C, "extra"))
