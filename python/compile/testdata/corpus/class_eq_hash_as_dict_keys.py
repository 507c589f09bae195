class K:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __hash__(self):
        return hash(self.v)
d = {}
d[K(1)] = "a"
d[K(1)] = "b"
d[K(2)] = "c"
print(len(d), d[K(1)], d[K(2)], K(2) in d, K(3) in d)
print(K(1) == K(1), K(1) != K(1), K(1) != K(2), len({K(5), K(5), K(6)}))
