# if / elif / else, with values of every truthiness.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"


for n in [-5, 0, 3, 42]:
    print(n, classify(n))

for value in [0, 1, "", "x", [], [0], {}, {"k": 0}, None, 0.0, -0.5, (), (None,)]:
    if value:
        print(repr(value), "is true")
    else:
        print(repr(value), "is false")

x = 7
if x > 5:
    if x % 2:
        print("big and odd")
    else:
        print("big and even")
if x < 0: print("one-line if")
else: print("one-line else")
