# for loops over many kinds of iterables, with else, break and continue.
for ch in "abc":
    print(ch, end=" ")
print()

for i, word in enumerate(["zero", "one", "two"]):
    print(i, word)

for key in {"x": 1, "y": 2}:
    print("key", key)

for n in range(10, 0, -3):
    print("n", n)

for n in [4, 6, 8]:
    if n % 2:
        print("found odd", n)
        break
else:
    print("no odd number")

for n in [4, 5, 8]:
    if n % 2:
        print("found odd", n)
        break
else:
    print("no odd number")

evens = []
for n in range(10):
    if n % 2:
        continue
    evens.append(n)
print(evens)

for row in range(3):
    for col in range(3):
        if col > row:
            break
        print((row, col), end=" ")
print()

for x in []:
    print("never")
else:
    print("empty loop runs else")
print("loop variable keeps its last value:", n, row, col)
