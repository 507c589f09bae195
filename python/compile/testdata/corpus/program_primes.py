# Primes three ways: trial division, a sieve, and a generator.
def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = flags[1] = False
    for i in range(2, int(limit ** 0.5) + 1):
        if flags[i]:
            flags[i * i::i] = [False] * len(range(i * i, limit + 1, i))
    return [i for i, f in enumerate(flags) if f]


def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1


print([n for n in range(30) if is_prime(n)])
print(sieve(50))
gen = primes()
print([next(gen) for _ in range(15)])
print(len(sieve(10000)), sieve(10000)[-3:])
print(sum(sieve(1000)) == sum(n for n in range(1000) if is_prime(n)))
