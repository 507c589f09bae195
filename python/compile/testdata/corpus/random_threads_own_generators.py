# Threads with their own seeded random.Random: each thread's results
# depend only on its seed, so the program prints the same whatever the
# interleaving; the shared module generator is used under a lock.
import random
import threading

results = {}
results_lock = threading.Lock()


def simulate(worker, seed):
    rng = random.Random(seed)
    walk = 0
    for _ in range(200):
        walk += rng.choice((-1, 1))
    picks = rng.sample(range(100), 4)
    with results_lock:
        results[worker] = (walk, picks, rng.randint(1, 10**6))


threads = [threading.Thread(target=simulate, args=(w, 1000 + w)) for w in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for worker in sorted(results):
    print(worker, results[worker])

random.seed(99)
draws = []
draws_lock = threading.Lock()


def draw():
    for _ in range(50):
        with draws_lock:
            draws.append(random.randrange(1000))


threads = [threading.Thread(target=draw) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
random.seed(99)
print(sorted(draws) == sorted(random.randrange(1000) for _ in range(150)), len(draws))
