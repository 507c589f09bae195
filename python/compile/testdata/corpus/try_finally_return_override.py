# return in try, except and finally: finally runs last and can override.
def f():
    try:
        return "from try"
    finally:
        print("finally of f")


def g():
    try:
        return "from try"
    finally:
        return "from finally"


def h():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("finally of h")


def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"


def counter():
    n = 0
    try:
        n += 1
        return n
    finally:
        n += 100
        print("n in finally:", n)


print(f())
print(g())
print(h())
print(swallow())
print(counter())
