# Augmented assignment with every operator.
n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 4; print(n)
n //= 5; print(n)
n %= 6; print(n)
n **= 3; print(n)
n <<= 2; print(n)
n >>= 1; print(n)
n &= 0b1111; print(n)
n |= 0b10000; print(n)
n ^= 0b101; print(n)
n /= 4; print(n)
f = 7.5
f //= 2; print(f)
f %= 2; print(f)
f **= 0.5; print(f)
s = "ab"
s += "cd"; s *= 2; print(s)
lst = [1]
alias = lst
lst += [2, 3]
lst *= 2
print(lst, alias is lst)
t = (1,)
t_alias = t
t += (2,)
print(t, t_alias, t is t_alias)
bits = {1, 2}
bits |= {3}
bits &= {2, 3, 4}
bits -= {4}
bits ^= {9}
print(sorted(bits))
try:
    n @= 2
except TypeError as e:
    print(e)
try:
    s -= "a"
except TypeError as e:
    print(e)
