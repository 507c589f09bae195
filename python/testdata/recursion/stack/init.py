# Each level instantiates a class whose __init__ instantiates it again.
class C:
    def __init__(self, n):
        C(n + 1)

try:
    C(0)
except RecursionError as e:
    print("init:", e)
