n = 5
try:
    1 in n
except TypeError as e:
    print(e)
