# Conditional expressions: only the chosen branch is evaluated.
def show(tag, value):
    print("  evaluated", tag)
    return value


for n in [-2, 0, 7]:
    sign = "negative" if n < 0 else "zero" if n == 0 else "positive"
    print(n, sign)

print(show("yes", 1) if True else show("no", 2))
print(show("yes", 1) if [] else show("no", 2))
x = 4
parity = ("even" if x % 2 == 0 else "odd") + "!"
print(parity, [("big" if i > 1 else "small") for i in range(3)])
f = (lambda a: a * 2) if x > 3 else (lambda a: a)
print(f(10))
print(1 if 0 else 2 if 0 else 3, (1 if 0 else 2) if 1 else 3)
