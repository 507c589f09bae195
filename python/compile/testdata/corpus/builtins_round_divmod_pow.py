# round, divmod and pow, with ints, floats and negative numbers.
print(round(0.5), round(1.5), round(2.5), round(-1.5), round(7), round(7.0))
print(round(3.14159, 2), round(3.14159, 0), round(1234, -2), round(1250, -2), round(1350, -2))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(-0.4))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(10**20, 7))
print(pow(2, 10), pow(2, -1), pow(2.0, 3), pow(-8, 2), pow(3, 4, 5), pow(7, -1, 11))
print(2 ** 100, (-2) ** 3, 2 ** 0.5, 0 ** 0, 10 ** -2)
for bad in [(1, 0), (1.0, 0.0)]:
    try:
        divmod(*bad)
    except ZeroDivisionError as e:
        print(e)
try:
    pow(0, -1)
except ZeroDivisionError as e:
    print(e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(e)
try:
    round("1.5")
except TypeError as e:
    print(e)
