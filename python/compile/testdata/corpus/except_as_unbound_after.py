# The name bound by `except ... as e` is deleted when the handler ends.
e = "before"
try:
    raise ValueError("inside")
except ValueError as e:
    print("in handler:", e)
try:
    print(e)
except NameError as err:
    print("after handler:", err)


def f():
    try:
        1 / 0
    except ZeroDivisionError as problem:
        saved = problem
    print("saved:", type(saved).__name__, saved)
    try:
        return problem
    except UnboundLocalError as err:
        return "UnboundLocalError: " + str(err)


print(f())
