# CPython 3.12 marks the failing call inside a longer line.
def check(n):
    if n < 0:
        raise ValueError("negative: %d" % n)
    return n


total = check(1) + check(-2) + check(3)
