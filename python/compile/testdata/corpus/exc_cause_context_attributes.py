try:
    try:
        raise KeyError("k")
    except KeyError as k:
        raise ValueError("v") from k
except ValueError as v:
    print(repr(v.__cause__), repr(v.__context__), v.__cause__ is v.__context__)
