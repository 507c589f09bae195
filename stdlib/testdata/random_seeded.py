# random: CPython's Mersenne Twister and random.py's algorithms -- seeded
# sequences, Random instances and subclasses, and the errors.
import random
random.seed(42)
print([random.random() for _ in range(3)])
print([random.randint(1, 100) for _ in range(10)])
print(random.getrandbits(5), random.getrandbits(32), random.getrandbits(64), random.getrandbits(100), random.getrandbits(0))
print(random.randrange(10), random.randrange(5, 50, 5), random.randrange(50, 5, -3), random.randrange(2**100))
l = list(range(20)); random.shuffle(l); print(l)
print(random.choice("abcdef"), random.sample(range(100), 5), random.sample(range(10), 10))
print(random.choices(["a", "b", "c"], k=5), random.choices(["a", "b", "c"], [1, 2, 3], k=5), random.choices("xyz", cum_weights=[1, 1.5, 5], k=4))
print(random.sample(["r", "b"], counts=[3, 2], k=4), random.sample(range(1000), 30))
print(random.uniform(1, 2), random.uniform(5, 5), random.triangular(), random.triangular(0, 10, 2))
print(round(random.gauss(), 10), round(random.gauss(5, 2), 10), round(random.normalvariate(), 10), round(random.expovariate(2), 10))
print(random.randbytes(5).hex())
for s in [0, 1, -1, 2**32, 2**64 + 5, "hello", "", 1.5, -2.5, 3.0, True, bytearray([1, 2]), bytes([255])]:
    random.seed(s); print(repr(s), random.random(), random.randrange(1000))
r = random.Random(7); r2 = random.Random(7)
print(r.random() == r2.random(), r.randint(1, 6), r2.randint(1, 6))
st = r.getstate(); a = [r.random() for _ in range(3)]; r.setstate(st); print(a == [r.random() for _ in range(3)], len(st[1]), st[0], st[2])
class MyRandom(random.Random):
    def random(self):
        return 0.5
m = MyRandom(3)
print(m.random(), m.randint(1, 10), m.choice("abcd"), m.uniform(0, 10), m.randrange(100))
class Bits(random.Random):
    def getrandbits(self, k):
        return (1 << k) - 1 if k > 3 else 2
b = Bits(1)
print(b.randrange(6), b.random() < 1)
class Sub(random.Random):
    pass
s1 = Sub(5); print(s1.random() == random.Random(5).random(), s1.randint(1, 1000))
print(isinstance(random.Random(), random.Random), random.Random.VERSION)

import random
for f in [lambda: random.randint(1), lambda: random.randint(1,2,3), lambda: random.Random(1,2), lambda: random.random(1),
          lambda: random.getrandbits(-1), lambda: random.getrandbits(2**40), lambda: random.getrandbits(1.5), lambda: random.randrange(0),
          lambda: random.randrange(5, 2), lambda: random.randrange(5, 2, 2), lambda: random.randrange(1, 5, 0), lambda: random.randrange(5, step=2),
          lambda: random.randrange(1.5), lambda: random.choice([]), lambda: random.sample({1,2}, 1), lambda: random.sample([1,2], 3),
          lambda: random.choices([1,2], 5), lambda: random.choices([1,2], [1]), lambda: random.choices([1,2], [0,0]),
          lambda: random.seed([1]), lambda: random.setstate((2,)), lambda: random.setstate((3, (1,2), None)), lambda: random.setstate((3,(0,)*624+(625,), None)),
          lambda: random.Random.random(5), lambda: random.shuffle((1,2)), lambda: random.choices([1,2], [1,2], cum_weights=[1,2]),
          lambda: random.setstate(5), lambda: random.setstate((3, [0]*625, None)), lambda: random.setstate((3, (-1,)*625, None)), lambda: random.randbytes(-1),
          lambda: random.sample([1,2], -1), lambda: random.randint(1.5, 3), lambda: random.uniform(1), lambda: random.choices([1,2], cum_weights=[1, float('inf')])]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)

# The other distributions (rounded: their logarithms are Go's), and SystemRandom.
random.seed(77)
def r(x): return round(x, 9)
print([r(random.gammavariate(a, 2.0)) for a in (0.3, 1.0, 2.5, 30.0)])
print([r(random.betavariate(2, 5)) for _ in range(3)], [r(random.paretovariate(3)) for _ in range(3)])
print([r(random.weibullvariate(1.5, 2)) for _ in range(3)], [r(random.vonmisesvariate(1.0, k)) for k in (0, 0.5, 4)])
print([random.binomialvariate(n, p) for n, p in ((1, 0.3), (10, 0.2), (100, 0.5), (1000, 0.9), (50, 0), (50, 1), (20, 0.05))])
print(random.random())
for f in [lambda: random.gammavariate(0, 1), lambda: random.binomialvariate(-1), lambda: random.binomialvariate(5, 2), lambda: random.betavariate(1)]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
s = random.SystemRandom()
x = s.random(); print(0 <= x < 1, s.getrandbits(10) < 1024, len(s.randbytes(5)), 1 <= s.randint(1, 6) <= 6, len(s.sample(range(10), 3)), s.seed(5))
try: s.getstate()
except NotImplementedError as e: print(e)
print(isinstance(s, random.Random), type(s).__name__)
