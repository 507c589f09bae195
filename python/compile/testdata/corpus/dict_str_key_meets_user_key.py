# A str looked up in a dict whose key of the same hash is a user-defined
# object: the comparison runs that object's __eq__ (a lookup of str keys
# alone never calls out; this one must).
calls = []


class Twin:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name)

    def __eq__(self, other):
        calls.append(("eq", self.name, other))
        return other == self.name


d = {Twin("x"): 1, "y": 2}
print(d["x"], d.get("x"), "x" in d, d.get("z", "absent"))
d["x"] = 3
print(len(d), d["x"], d["y"])
print(calls)
calls.clear()
plain = {"x": 1}
plain[Twin("x")] = 5
print(plain, calls)


# The same through an instance dict: the attribute store compares the
# colliding key too.
class O:
    pass


o = O()
o.__dict__[Twin("x")] = 1
calls.clear()
o.x = 2
print(len(o.__dict__), list(o.__dict__.values()), calls)
