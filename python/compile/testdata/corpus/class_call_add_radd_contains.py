class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        if isinstance(other, V):
            return V(self.v + other.v)
        return V(self.v + other)
    def __radd__(self, other):
        return V(other + self.v)
    def __call__(self, x, y=0):
        return self.v * x + y
    def __contains__(self, x):
        return x <= self.v
    def __repr__(self):
        return "V(" + str(self.v) + ")"
print(V(1) + V(2), V(1) + 5, 5 + V(2), sum([V(1), V(2), V(3)]))
x = V(1)
x += V(10)
print(x, x(2), x(2, y=1))
print(3 in V(5), 7 in V(5), 7 not in V(5), 3 not in V(5))
