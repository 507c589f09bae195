# Dict and set comprehensions.
words = ["apple", "banana", "cherry", "avocado", "blueberry"]
lengths = {w: len(w) for w in words}
print(lengths)
by_letter = {}
for w in words:
    by_letter.setdefault(w[0], []).append(w)
print(by_letter)
print({k: sorted(v, reverse=True) for k, v in by_letter.items() if len(v) > 1})
inverted = {v: k for k, v in {"a": 1, "b": 2, "c": 1}.items()}
print(inverted)
first_letters = {w[0] for w in words}
print(sorted(first_letters), len(first_letters))
print(sorted({n % 4 for n in range(20)}))
squares = {n: n * n for n in range(5)}
print(squares, sum(squares.values()), 3 in squares, 9 in squares)
print({(i, j): i * j for i in range(2) for j in range(2)})
k = "unchanged"
print({k: 0 for k in "xy"}, k)
