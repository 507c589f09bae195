# while loops: else runs when the condition ends the loop, not on break.
n = 0
while n < 3:
    print("n =", n)
    n += 1
else:
    print("else after", n)


def find_factor(m):
    d = 2
    while d * d <= m:
        if m % d == 0:
            print(m, "has factor", d)
            break
        d += 1
    else:
        print(m, "is prime")


for m in [15, 17, 49, 2]:
    find_factor(m)

i = 0
total = 0
while True:
    i += 1
    if i % 2 == 0:
        continue
    if i > 9:
        break
    total += i
print("sum of odd numbers below 10:", total)

items = [3, 1, 2]
while items:
    print("popped", items.pop())
