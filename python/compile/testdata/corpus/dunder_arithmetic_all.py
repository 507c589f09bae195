# Every arithmetic and bitwise dunder, unary ones, and in-place ones.
class N:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "N(%r)" % (self.v,)

    def __add__(self, o): return N(self.v + o.v)
    def __sub__(self, o): return N(self.v - o.v)
    def __mul__(self, o): return N(self.v * o.v)
    def __truediv__(self, o): return N(self.v / o.v)
    def __floordiv__(self, o): return N(self.v // o.v)
    def __mod__(self, o): return N(self.v % o.v)
    def __pow__(self, o): return N(self.v ** o.v)
    def __lshift__(self, o): return N(self.v << o.v)
    def __rshift__(self, o): return N(self.v >> o.v)
    def __and__(self, o): return N(self.v & o.v)
    def __or__(self, o): return N(self.v | o.v)
    def __xor__(self, o): return N(self.v ^ o.v)
    def __matmul__(self, o): return N(self.v * 100 + o.v)
    def __neg__(self): return N(-self.v)
    def __pos__(self): return N(+self.v)
    def __abs__(self): return N(abs(self.v))
    def __invert__(self): return N(~self.v)


a, b = N(7), N(2)
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(a << b, a >> b, a & b, a | b, a ^ b, a @ b)
print(-a, +a, abs(N(-3)), ~a)


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        self.items.append(x)
        return self

    def __isub__(self, x):
        self.items.remove(x)
        return self


acc = Acc()
same = acc
acc += 1
acc += 2
acc += 3
acc -= 2
print(acc.items, acc is same)

c = N(10)
c += N(5)
c *= N(2)
c //= N(4)
c **= N(2)
print(c)
try:
    N(1) + 1
except AttributeError as e:
    print(e)
try:
    -Acc()
except TypeError as e:
    print(e)
