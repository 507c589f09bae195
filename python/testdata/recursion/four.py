# Four identical frames, then a different one: "repeated 1 more time".
def down(n):
    if n == 0:
        raise ValueError("bottom")
    return down(n - 1)

down(4)
