class Scaler:
    def __init__(self, factor):
        self.factor = factor
    def apply(self, x, offset=0):
        return x * self.factor + offset
s = Scaler(3)
print(s.apply(2), s.apply(2, offset=1), s.apply(offset=2, x=1))
m = s.apply
print(m(5), Scaler.apply(s, 1, 1))
