class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i < 0 or i >= self.n:
            raise IndexError("out of range")
        return i * 10
s = Seq(3)
print(len(s), s[0], s[2], bool(s), bool(Seq(0)))
if Seq(0):
    print("wrong")
else:
    print("empty is false")
try:
    s[3]
except IndexError as e:
    print(e)
