try:
    try:
        raise ValueError("inner")
    except TypeError:
        print("wrong handler")
    print("not reached")
except ValueError as e:
    print("outer caught", e)
try:
    try:
        raise TypeError("t")
    except TypeError as e:
        print("inner caught", e)
    print("after inner")
except Exception:
    print("wrong")
print("done")
