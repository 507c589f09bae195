def describe(x):
    if x is None:
        return "none"
    if x is not None:
        return "value " + str(x)
print(describe(None), describe(0), describe(False))
