# collections.Counter: counting, most_common's order, arithmetic,
# missing keys and the repr.
from collections import Counter

words = "the quick brown fox jumps over the lazy dog the end".split()
c = Counter(words)
print(c)
print(c["the"], c["cat"], "cat" in c, len(c))
print(c.most_common(3))
print(c.most_common()[-2:])
print(c.total(), sum(c.values()))
letters = Counter("abracadabra")
print(letters, sorted(letters.elements()))
letters.update("aaz")
letters.update({"b": 10})
letters.subtract(r=2)
print(letters)
letters.subtract("zzz")
print(letters, +letters)
a = Counter(a=3, b=1, c=0)
b = Counter(a=1, b=2, d=4)
print(a + b, a - b, a | b, a & b)
print(-Counter(a=2, b=-1), Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {"a": 1})
x = Counter(a=1)
x += Counter(a=2, b=1)
print(x, type(x).__name__)
x -= Counter(a=5)
print(x)
del x["nothing"]
print(x, Counter(), Counter({"k": 2}), dict(Counter("aab")))
inventory = Counter()
for item, qty in [("apple", 3), ("pear", 2), ("apple", 1)]:
    inventory[item] += qty
print(inventory, inventory.copy(), isinstance(inventory, dict))
try:
    Counter.fromkeys("ab")
except NotImplementedError as e:
    print("NotImplementedError:", e)


class Tally(Counter):
    pass


print(Tally("mississippi").most_common(2), Tally())
small, big = Counter(a=1, b=2), Counter(a=1, b=3, c=0)
print(small <= big, small < big, big >= small, big > small, small < small, Counter(x=1) <= Counter(y=1))
print(Counter(a=1) < Counter(a=1, b=0), Counter(a=1) <= Counter(a=1, b=0))
