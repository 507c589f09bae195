# Classes deriving from dict: __missing__, overridden __setitem__,
# super().__init__, repr, and the dict methods on instances.


class DefaultZero(dict):
    def __missing__(self, key):
        return 0


counts = DefaultZero()
for word in "the cat and the hat and the bat".split():
    counts[word] = counts[word] + 1
print(counts)
print(counts["dog"], "dog" in counts, len(counts))
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print(counts.get("dog"), counts.get("the"))


class Recorder(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.log = []

    def __setitem__(self, key, value):
        self.log.append(key)
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self.log.append("-" + key)
        super().__delitem__(key)

    def __repr__(self):
        return "Recorder(" + super().__repr__() + ")"


r = Recorder({"a": 1}, b=2)
r["c"] = 3
r["a"] = 10
del r["b"]
print(r)
print(r.log)
print(r.__dict__)
r.update(z=26)
print(r, r.log)
print(isinstance(r, dict), type(r).__name__, type(r) is dict)
print(r == {"a": 10, "c": 3, "z": 26}, r != {})
print(list(r), [k for k in r])
print(dict(r), type(dict(r)).__name__)
print(r.copy(), type(r.copy()).__name__)
print(r.pop("z"), r.setdefault("q", 7), r)


class Plain(dict):
    pass


p = Plain(x=1)
p.note = "hello"
print(p, p.note, vars(p), bool(Plain()), bool(p))
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
try:
    p["missing"]
except KeyError as e:
    print("KeyError:", e)


class Upper(dict):
    def __getitem__(self, key):
        return super().__getitem__(key.upper())


u = Upper(A=1)
print(u["a"], u.get("a"), u["A"])
