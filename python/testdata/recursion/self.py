# A function calling itself until the limit: three frames, then the count.
def f(n):
    return f(n + 1)

f(0)
