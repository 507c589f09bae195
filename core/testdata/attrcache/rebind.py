# TestAttrCacheRebindWhileCalling: call(o) runs o.m() through one
# LOAD_METHOD site, whose cache the threads share, while rebind gives the
# class (or its base, which the class shadows and unshadows) a fresh
# function, which dies as soon as it is replaced.


class Base:
    def m(self):
        return 0


class C(Base):
    pass


inst = C()


def make(k):
    def m(self):
        return k
    return m


def call(o):
    return o.m()


def rebind(k):
    Base.m = make(k)
    C.m = make(k)
    del C.m
