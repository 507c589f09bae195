# The order in which try, except, else and finally run.
def attempt(x):
    print("--", repr(x))
    try:
        print("try")
        result = 10 / x
    except ZeroDivisionError as e:
        print("except ZeroDivisionError:", e)
        result = None
    except TypeError as e:
        print("except TypeError:", e)
        result = "bad"
    else:
        print("else, result", result)
    finally:
        print("finally")
    return result


print(attempt(4))
print(attempt(0))
print(attempt("x"))


def uncaught():
    try:
        raise KeyError("k")
    except ValueError:
        print("not this one")
    finally:
        print("finally runs while KeyError propagates")


try:
    uncaught()
except KeyError as e:
    print("caught outside:", repr(e))
