class M:
    def __init__(self, v):
        self.v = v
    def __matmul__(self, o):
        return M(self.v * o)
    def __rmatmul__(self, o):
        return M(o * 100 + self.v)

class I(M):
    def __imatmul__(self, o):
        self.v += o
        return self

a = M(2)
print((a @ 5).v, (7 @ a).v)
x = I(1)
y = x
x @= 2
print(x is y, x.v)
z = M(3)
z @= 4
print(z.v, z is not y)
try:
    1 @ 2
except TypeError as e:
    print(e)
try:
    q = []
    q @= a
except TypeError as e:
    print(e)
