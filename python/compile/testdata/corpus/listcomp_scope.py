# A comprehension's loop variable stays inside it, at every level.
x = "module x"
squares = [x * x for x in range(4)]
print(squares, x)


def f():
    i = "local i"
    evens = [i for i in range(6) if i % 2 == 0]
    return evens, i


print(f())
n = 3
table = [[row * col for col in range(n)] for row in range(n)]
print(table)
try:
    print(row)
except NameError as e:
    print(e)
words = ["apple", "bob", "kayak", "dog"]
print([w for w in words if w == w[::-1]])
print([(a, b) for a in range(3) for b in range(a)])
print([c for w in words for c in w if c in "aeiou"])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([y := 0, [y := y + 1 for _ in range(3)], y])
