def f():
    x = 1
    del x
    try:
        del x
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(f())
