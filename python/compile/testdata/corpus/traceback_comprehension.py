# List comprehensions are inlined (no frame of their own); generator expressions are not.
data = [1, 2, 0, 4]
print([10 // x for x in data[:2]])


def inverse_all(values):
    return [1 / v for v in values]


def inverse_lazy(values):
    return sum(1 / v for v in values)


try:
    inverse_all(data)
except ZeroDivisionError as e:
    print("caught", e)
inverse_lazy(data)
