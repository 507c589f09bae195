# Containers of collections that contain themselves print [...], ... or
# {...} as CPython's do (each cycle is broken again at the end: rwgil has
# no cycle collector).
from collections import OrderedDict, defaultdict, deque

d = deque([1])
d.append(d)
print(d, len(d))
od = OrderedDict(a=1)
od["self"] = od
print(od)
dd = defaultdict(list)
dd["me"] = dd
print(dd)
nested = deque([[d]])
print(nested)
d.pop()
del od["self"]
del dd["me"]
print(d, od, dd, nested)
