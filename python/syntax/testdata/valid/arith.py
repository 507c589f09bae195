# Arithmetic precedence and associativity.
a = 1 + 2 + 3
b = 1 - 2 - 3
c = 2 ** 3 ** 2
d = -2 ** 2
e = (-2) ** 2
f = 2 ** -1
g = a * b / c // d % e @ f
h = a + b * c
i = (a + b) * c
j = a << b >> c
k = a & b | c ^ d
l = ~a
m = +a
n = - - a
o = a - -b
p = a ** -b ** c
q = 1 + 2 * 3 ** 4 // 5 - 6 % 7
r = a | b & c ^ d << e + f * g ** h
s = await_ = 1
