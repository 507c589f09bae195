# What cannot be done with classes deriving from built-in types, in
# CPython's words.


def attempt(label, fn):
    try:
        r = fn()
        print(label, "ok", r)
    except TypeError as e:
        print(label, "TypeError:", e)


class D(dict):
    pass


class T(tuple):
    pass


attempt("bool base", lambda: type("B", (bool,), {}))
attempt("two layouts", lambda: type("X", (dict, list), {}))
attempt("int and str", lambda: type("Y", (int, str), {}))
attempt("object.__new__(D)", lambda: object.__new__(D))
attempt("dict.__new__(int)", lambda: dict.__new__(int))
attempt("int.__new__(D)", lambda: int.__new__(D))
attempt("tuple.__new__(T, [1])", lambda: tuple.__new__(T, [1]))
attempt("dict.__new__(D)", lambda: dict.__new__(D))
attempt("T(1, 2)", lambda: T(1, 2))
attempt("D(1)", lambda: D(1))
attempt("list.append(D(), 1)", lambda: list.append(D(), 1))
attempt("hash(D())", lambda: hash(D()))


class Safe(dict):
    def __new__(cls, *args):
        return super().__new__(cls)


attempt("object.__new__(Safe)", lambda: object.__new__(Safe))
attempt("Safe(a=1)", lambda: Safe(a=1))
