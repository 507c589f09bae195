xs = [(y := x) for x in range(3) for y in range(2)]
