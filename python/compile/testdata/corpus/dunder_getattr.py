# __getattr__ is consulted only for attributes that are not found.
class Config:
    defaults = {"color": "blue", "size": 10}

    def __init__(self, **overrides):
        self.overrides = overrides

    def __getattr__(self, name):
        print("  __getattr__", name)
        if name in self.overrides:
            return self.overrides[name]
        if name in Config.defaults:
            return Config.defaults[name]
        raise AttributeError("no setting " + repr(name))


c = Config(size=12)
print(c.size, c.color, c.overrides)
c.color = "red"
print(c.color)
print(getattr(c, "shape", "square"), hasattr(c, "shape"), hasattr(c, "size"))
try:
    c.shape
except AttributeError as e:
    print(e)


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p._target, p.count(1), p.index(3))
