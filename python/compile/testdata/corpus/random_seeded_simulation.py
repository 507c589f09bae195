# A seeded simulation with random: the same seed gives the same run, on
# rwgil as on CPython -- a random walk, a Monte Carlo estimate, dice,
# a shuffled deck, weighted choices and a sample.
import random

random.seed(20240601)
position, path = 0, []
for _ in range(20):
    position += random.choice([-1, 1])
    path.append(position)
print(path)

inside = 0
trials = 20000
for _ in range(trials):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print(inside, 4 * inside / trials)

rolls = [random.randint(1, 6) + random.randint(1, 6) for _ in range(1000)]
print([rolls.count(total) for total in range(2, 13)])

deck = [rank + suit for suit in "SHDC" for rank in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:13])
print(random.sample(deck, 5), random.choices(["red", "green", "blue"], weights=[5, 3, 1], k=10))
print(random.randrange(0, 100, 7), random.randrange(10**30), random.getrandbits(70), random.uniform(-1, 1))

rng = random.Random("experiment-42")
other = random.Random("experiment-42")
print([rng.randint(0, 9) for _ in range(10)] == [other.randint(0, 9) for _ in range(10)])
state = rng.getstate()
first = [rng.random() for _ in range(3)]
rng.setstate(state)
print(first == [rng.random() for _ in range(3)], first)
print(random.Random(0).random(), random.Random(2**100).random(), random.Random(-7).random(), random.Random(b"bytes").random())
