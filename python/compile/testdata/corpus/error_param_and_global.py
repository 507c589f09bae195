def f(x):
    global x
    return x


print(f(1))
