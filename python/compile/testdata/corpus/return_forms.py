# return with and without a value, in every position.
def nothing():
    return


def implicit():
    x = 1


def pair():
    return 1, "two"


def early(n):
    if n < 0:
        return "negative"
    for i in range(n):
        if i * i > n:
            return i
    return "loop ended"


def nested_return(items):
    for x in items:
        for y in items:
            if x + y == 10:
                return (x, y)
    return None


print(nothing(), implicit(), pair())
a, b = pair()
print(a, b)
print(early(-1), early(10), early(0), early(1))
print(nested_return([1, 3, 7, 9]), nested_return([1, 2]))
