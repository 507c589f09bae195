# Each level goes through a list comprehension's own frame.
def f(n):
    return [f(m) for m in [n + 1]]

try:
    f(0)
except RecursionError as e:
    print("comprehension:", e)
