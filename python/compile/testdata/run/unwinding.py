# return, break and continue through finally, with and except blocks run
# their cleanup, in order, keeping the return value.
log = []


class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        log.append("enter " + self.name)
        return self.name

    def __exit__(self, t, v, tb):
        log.append("exit " + self.name + " " + (t.__name__ if t else "None"))
        return self.suppress


def ret_through_all():
    for i in range(3):
        with Manager("a") as a, Manager("b"):
            try:
                try:
                    return [a, i]
                finally:
                    log.append("inner finally")
            except ValueError:
                log.append("never")
            finally:
                log.append("outer finally")


print(ret_through_all(), log)
log.clear()


def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"


def break_in_finally():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return i


def continue_in_except():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise ValueError(i)
            out.append(i)
        except ValueError as e:
            out.append("e%d" % 0 if False else "e")
            continue
        finally:
            out.append("f")
    return out


print(finally_overrides(), break_in_finally(), continue_in_except())


def suppressed():
    with Manager("s", suppress=True):
        raise RuntimeError("gone")
    return "after"


print(suppressed(), log)
log.clear()


def handler_name_cleared():
    e = "before"
    try:
        1 / 0
    except ZeroDivisionError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return "cleared: " + type(err).__name__


print(handler_name_cleared())


def nested_handlers():
    try:
        try:
            raise ValueError("inner")
        except ValueError as e:
            raise TypeError("outer") from e
    except TypeError as e:
        return repr(e), repr(e.__cause__), e.__context__ is e.__cause__


print(nested_handlers())


def reraise():
    try:
        try:
            raise KeyError("k")
        except KeyError:
            log.append("handled")
            raise
    except KeyError as e:
        return repr(e)


print(reraise(), log)


def while_else(n):
    while n > 0:
        n -= 1
        if n == 10:
            break
    else:
        return "no break"
    return "break"


print(while_else(3), while_else(20))


def gen_cleanup():
    try:
        yield 1
        yield 2
    finally:
        log.append("gen closed")


g = gen_cleanup()
print(next(g))
g.close()
print(log)
