def f(x, acc=[]):
    acc.append(x)
    return acc
f(1)
print(f(2), f(3, []), f(4))
