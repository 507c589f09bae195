# Assignment expressions (:=) in conditions, loops and comprehensions.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list of", n)

queue = [5, 4, 3]
while (item := queue.pop()) != 5:
    print("got", item)
print("stopped at", item, "left", queue)


def slow_square(x):
    print("  squaring", x)
    return x * x


results = [y for x in range(4) if (y := slow_square(x)) % 2 == 0]
print(results, "y leaks from the comprehension:", y)

print([last := i * 10 for i in range(3)], last)
total = 0
print([total := total + v for v in [1, 2, 3]], total)
print((z := 5) + z)


def first_long(words):
    for w in words:
        if (size := len(w)) > 4:
            return w, size
    return None, size


print(first_long(["a", "tree", "forest", "x"]))
print(first_long(["ab", "cd"]))
