# Each level goes through a Go function calling back: sorted's key.
def f(n):
    return sorted([n + 1], key=f)

try:
    f(0)
except RecursionError as e:
    print("sorted_key:", e)
