for seq in [[1, 2], (1, 2, 3, 4), "abc"]:
    try:
        a, b, c = seq
        print(a, b, c)
    except ValueError as e:
        print(e)
