t = (1, 2, 3)
n = 5
try:
    t[0:1] = [5]
except TypeError as e:
    print(e)
try:
    n[1:2]
except TypeError as e:
    print(e)
