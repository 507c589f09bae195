l = [0, 1, 2, 3, 4, 5]
print(l[1:3], l[:2], l[4:], l[-2:], l[:-4], l[:], l[10:], l[3:1])
s = "hello"
t = (1, 2, 3)
print(s[1:4], s[:-1], t[1:], t[:0])
l[1:3] = ["a", "b", "c"]
print(l)
l[:2] = []
print(l)
l[len(l):] = (9,)
print(l)
