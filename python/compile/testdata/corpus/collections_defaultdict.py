# collections.defaultdict: the default factory, __missing__, the repr.
from collections import defaultdict

groups = defaultdict(list)
for name in ["ann", "bob", "amy", "bill", "cat"]:
    groups[name[0]].append(name)
print(groups)
print(groups["a"], groups["z"], len(groups), "q" in groups)
print(sorted(groups), dict(groups))
counts = defaultdict(int)
for ch in "hello world":
    counts[ch] += 1
print(counts["l"], counts["?"], sorted(counts.items())[:3])
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
print(nested["x"]["y"], dict(nested["x"]))
print(defaultdict(), defaultdict(None, {"a": 1}), defaultdict(set, [("k", {1})]))
print(defaultdict(int, a=1), isinstance(counts, dict), counts.default_factory)
cp = counts.copy()
print(type(cp).__name__, cp.default_factory, cp == counts)
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError:", e)
print(groups.get("zz"), groups.setdefault("m", ["new"]), groups.pop("b"))
