# collections.OrderedDict: move_to_end, popitem from either end, and
# equality that minds the order against another OrderedDict only.
from collections import OrderedDict

od = OrderedDict()
for k in "bca":
    od[k] = ord(k)
print(od, list(od))
od.move_to_end("b")
print(od)
od.move_to_end("a", last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
od.update(z=1, y=2)
print(od, od.copy(), type(od.copy()).__name__)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1))
print(OrderedDict(a=1, b=2) == dict(b=2, a=1), dict(b=2, a=1) == OrderedDict(a=1, b=2))
print(OrderedDict(a=1) != OrderedDict(a=1), OrderedDict(), isinstance(od, dict))


class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def touch(self, key, value):
        if key in self:
            self.move_to_end(key)
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)


cache = LRU(2)
for k in ["a", "b", "a", "c", "d"]:
    cache.touch(k, k.upper())
    print(k, list(cache.items()))
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    od.move_to_end("nope")
except KeyError as e:
    print("KeyError:", e)
