# close() raises GeneratorExit at the paused yield; finally blocks run.
def worker(name):
    try:
        print("  ", name, "started")
        while True:
            yield name
    finally:
        print("  ", name, "cleaned up")


w = worker("w1")
print(next(w))
w.close()
w.close()
print(next(w, "nothing after close"))

unstarted = worker("w2")
unstarted.close()
print("closing an unstarted generator runs nothing")


def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("  got GeneratorExit")
        raise


g = catches_exit()
next(g)
g.close()


def ignores_exit():
    try:
        yield "still here"
    except GeneratorExit:
        print("  ignoring GeneratorExit")
    yield "yielded instead of exiting"


bad = ignores_exit()
next(bad)
try:
    bad.close()
except RuntimeError as e:
    print("RuntimeError:", e)


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored"


r = returns_on_exit()
next(r)
print(r.close())
