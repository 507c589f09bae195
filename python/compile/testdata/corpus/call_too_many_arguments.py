def f(a, b, c):
    return a
def g():
    return 0
def h(a):
    return a
for fn, args in [(f, (1, 2, 3, 4)), (g, (1,)), (h, (1, 2))]:
    try:
        fn(*args)
    except TypeError as e:
        print(e)
try:
    h(1, 2)
except TypeError as e:
    print(e)
