def k(a, b=1):
    return a
try:
    k(1, 2, 3)
except TypeError as e:
    print(e)
