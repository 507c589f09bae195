class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return "V" + str(self.v)
vs = [V(3), V(1), V(2)]
print(sorted(vs), min(vs), max(vs))
vs.sort()
print(vs, V(1) < V(2), V(2) > V(1))
