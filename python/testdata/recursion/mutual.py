# Two functions calling each other: no two frames in a row are the same,
# so nothing collapses.
def f(n):
    return g(n + 1)


def g(n):
    return f(n)


f(0)
