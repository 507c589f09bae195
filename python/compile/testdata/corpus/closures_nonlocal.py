# nonlocal rebinds a variable of an enclosing function, across several levels.
def outer():
    x = "outer"
    log = []

    def middle():
        def inner():
            nonlocal x
            x = "set by inner"
            log.append("inner ran")

        log.append("middle sees " + x)
        inner()
        log.append("middle now sees " + x)

    middle()
    log.append("outer sees " + x)
    return log


for line in outer():
    print(line)


def shadow():
    x = 1

    def f():
        x = 2
        def g():
            nonlocal x
            x += 10
            return x
        return g(), x

    return f(), x


print(shadow())


def make_pair():
    value = None

    def get():
        return value

    def set_(v):
        nonlocal value
        value = v

    return get, set_


get, set_ = make_pair()
print(get())
set_([1, 2])
print(get())
