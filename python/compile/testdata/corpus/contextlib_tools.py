# contextlib: contextmanager (also as a decorator), suppress,
# nullcontext, closing, ExitStack and redirect_stdout.
import contextlib
import sys


@contextlib.contextmanager
def tag(name, log):
    log.append("<" + name + ">")
    try:
        yield name.upper()
    except KeyError as e:
        log.append("caught " + repr(e))
    finally:
        log.append("</" + name + ">")


log = []
with tag("b", log) as t:
    log.append(t)
with tag("i", log):
    raise KeyError("k")
try:
    with tag("u", log):
        raise ValueError("v")
except ValueError as e:
    log.append("outer " + repr(e))
print(log)


@contextlib.contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)


@contextlib.contextmanager
def two_yields():
    yield 1
    yield 2


try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)


@contextlib.contextmanager
def traced():
    print("enter")
    yield
    print("exit")


@traced()
def work(x):
    print("working on", x)
    return x * 2


print(work(5), work(6))

with contextlib.suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with contextlib.suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)

with contextlib.nullcontext(42) as v:
    print("null", v)


class Resource:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closed", self.name)


with contextlib.closing(Resource("r1")) as r:
    print("using", r.name)

with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    cm = stack.enter_context(tag("s", log))
    print("entered", cm)
print(log[-2:])

with contextlib.ExitStack() as outer:
    outer.callback(print, "kept")
    moved = outer.pop_all()
print("after outer")
moved.close()


def swallow(*exc):
    print("swallowing", exc[0].__name__)
    return True


with contextlib.ExitStack() as stack:
    stack.push(swallow)
    raise OSError("gone")
print("after swallow")

try:
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: 1 / 0)
        raise KeyError("first")
except ZeroDivisionError as e:
    print("replaced:", repr(e), "context:", repr(e.__context__))

try:
    with contextlib.ExitStack() as stack:
        stack.enter_context(object())
except TypeError as e:
    print("TypeError:", e)


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass


cap = Capture()
with contextlib.redirect_stdout(cap):
    print("hidden", 1, 2)
print("captured", cap.parts, sys.stdout is not cap)
print(issubclass(contextlib.suppress, contextlib.AbstractContextManager))
