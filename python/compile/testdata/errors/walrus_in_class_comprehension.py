class C:
    ys = [(y := x) for x in range(3)]
