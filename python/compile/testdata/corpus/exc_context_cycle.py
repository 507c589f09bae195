try:
    raise ValueError("a")
except ValueError as a:
    try:
        raise TypeError("b")
    except TypeError:
        raise a
