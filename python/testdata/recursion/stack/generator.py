# Each level resumes a generator that starts another.
def g(n):
    yield next(g(n + 1))

try:
    next(g(0))
except RecursionError as e:
    print("generator:", e)
