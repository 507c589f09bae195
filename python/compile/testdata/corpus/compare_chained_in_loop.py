for x in [0, 2, 5]:
    print(x, 1 < x < 3)
