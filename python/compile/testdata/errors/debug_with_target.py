with open("x") as __debug__:
    pass
