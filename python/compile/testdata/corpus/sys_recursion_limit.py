# sys.setrecursionlimit lowers the depth at which RecursionError comes,
# and refuses limits below 1 or below the current depth.
import sys


def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


sys.setrecursionlimit(100)
low = depth(0)
sys.setrecursionlimit(400)
high = depth(0)
print("deeper with a higher limit:", high > low, 50 < low < 100, 300 < high < 400)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)


def nested(k):
    if k == 0:
        try:
            sys.setrecursionlimit(5)
        except RecursionError:
            return "RecursionError: the limit is too low"
        return "set"
    return nested(k - 1)


print(nested(20))
print("limit unchanged:", sys.getrecursionlimit())
try:
    sys.setrecursionlimit(1.5)
except TypeError as e:
    print("TypeError:", e)
