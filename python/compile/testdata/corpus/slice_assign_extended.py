# Assigning to and deleting slices with steps.
a = list(range(8))
a[::2] = ["e0", "e2", "e4", "e6"]
print(a)
a[1::2] = "ABCD"
print(a)
b = list(range(6))
b[::-1] = b
print(b)
c = list(range(10))
del c[::3]
print(c)
del c[5:1:-2]
print(c)
d = [1, 2, 3]
d[1:1] = [9, 9]
print(d)
d[:] = "xy"
print(d)
d[5:] = [0]
print(d)
try:
    e = list(range(5))
    e[::2] = [1, 2]
except ValueError as err:
    print(err)
try:
    "abc"[::2] = "xy"
except TypeError as err:
    print(err)
s = list("hello")
s[len(s):] = " world"
print("".join(s))
