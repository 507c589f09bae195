try:
    a, b = 5
except TypeError as e:
    print(e)
