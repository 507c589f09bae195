def f(a, b=10, c=20):
    return a + b * 2 + c * 3
print(f(1), f(1, 2), f(1, 2, 3), f(1, c=5), f(c=1, b=2, a=3), f(1, b=0))
