values = [1, 2, 3]
yield values
