x = 5
5 = x
print(x)
