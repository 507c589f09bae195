try:
    [1, 2][5]
except LookupError as e:
    print(type(e).__name__, e)
try:
    1 / 0
except ArithmeticError as e:
    print(type(e).__name__, e)
try:
    {}["k"]
except Exception as e:
    print(type(e).__name__, e)
