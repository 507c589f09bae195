def down(n):
    return down(n + 1)
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)
try:
    down(0)
except RecursionError as e:
    print("caught", type(e).__name__, e)
print(count(100))
try:
    down(0)
except RuntimeError:
    print("caught again as RuntimeError")
print(count(500))
