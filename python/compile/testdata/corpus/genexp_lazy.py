# Generator expressions are lazy; their first iterable is evaluated at once.
def source(n):
    print("  source called")
    for i in range(n):
        print("  producing", i)
        yield i


g = (x * 10 for x in source(3))
print("generator made")
print(next(g))
print(list(g))
print(list(g), "-- exhausted")

print(sum(x * x for x in range(5)))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(any(n > 2 for n in [1, 2, 3, 4]), all(n > 0 for n in []))
print(", ".join(str(n) for n in range(4)))
evens = (n for n in range(10) if n % 2 == 0)
print(type(evens).__name__, sorted(evens, reverse=True))
try:
    gen = (1 / x for x in [1, 0])
    print(next(gen))
    print(next(gen))
except ZeroDivisionError as e:
    print("raised when the item is produced:", e)
try:
    (x for x in 5)
except TypeError as e:
    print("raised at once:", e)
pairs = ((a, b) for a in "ab" for b in range(2))
print(list(pairs))
