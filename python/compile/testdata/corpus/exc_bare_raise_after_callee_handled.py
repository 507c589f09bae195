def inner():
    try:
        raise KeyError("inner")
    except KeyError:
        return "handled"
def outer():
    try:
        raise ValueError("outer")
    except ValueError:
        print(inner())
        raise
outer()
