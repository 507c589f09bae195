# TestAttrCacheBacksOff: one attribute site (in get) sees three classes in
# turn, so its slot misses at nearly every execution.


class A:
    def __init__(self):
        self.v = 1


class B:
    def __init__(self):
        self.v = 10


class C:
    def __init__(self):
        self.v = 100


def get(o):
    return o.v


objs = [A(), B(), C()]
total = 0
for i in range(600):
    total += get(objs[i % 3])
