# The first matching handler wins; a tuple matches any of its types.
def run(action):
    try:
        action()
    except (KeyError, IndexError) as e:
        return "lookup: " + type(e).__name__
    except ArithmeticError as e:
        return "arithmetic: " + type(e).__name__
    except ValueError:
        return "value"
    except Exception as e:
        return "other: " + type(e).__name__


print(run(lambda: {}["k"]))
print(run(lambda: [][0]))
print(run(lambda: 1 // 0))
print(run(lambda: 2.0 ** 10000))
print(run(lambda: int("x")))
print(run(lambda: None.attr))
print(run(lambda: "fine"))

handlers = (TypeError, ValueError)
try:
    int([])
except handlers as e:
    print("caught by a tuple in a variable:", e)

try:
    try:
        raise LookupError("base")
    except KeyError:
        print("KeyError does not catch its base class")
except LookupError as e:
    print("outer caught", repr(e))
