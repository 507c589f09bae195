# int() of a string that is not a number, uncaught.
for text in ["10", "20", "thirty"]:
    print(int(text) * 2)
