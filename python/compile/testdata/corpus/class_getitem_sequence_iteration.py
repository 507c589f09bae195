class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError("out of range")
        return i * 10
for x in Seq():
    print(x)
print(list(Seq()), 20 in Seq())
