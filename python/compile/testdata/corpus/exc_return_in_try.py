def f(x):
    try:
        return 10 // x
    except ZeroDivisionError:
        return -1
print(f(2), f(0), f(5))
