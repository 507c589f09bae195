squares = [x * x for x in range(6) if x % 2 == 0]
print(squares)
pairs = [(i, j) for i in range(2) for j in "ab"]
print(pairs)
