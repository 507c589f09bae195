# The global cache: a function that reads a global or a builtin sees every
# change at once -- a global rebound, added over a builtin of the same
# name, deleted to uncover the builtin again, a builtin rebound or added
# through the builtins module, a change made through globals(), and
# values of the kinds the cache keeps out (big ints, floats).
import builtins


def reader():
    return limit


def length(s):
    return len(s)


def try_read():
    try:
        return reader()
    except NameError as e:
        return "NameError: " + str(e)


limit = 10
print([reader() for _ in range(3)])
limit = 20
print([reader() for _ in range(3)])
globals()["limit"] = "via globals()"
print(reader())
del limit
print(try_read())

builtins.limit = "a builtin"
print(try_read(), try_read())
limit = "a global over the builtin"
print(reader(), reader())
builtins.limit = "the builtin rebound"
print(reader())
del limit
print(reader(), reader())
del builtins.limit
print(try_read())

print(length("abc"), length("abcd"))
len = lambda s: "shadowed " + s
print(length("abc"), length("abcd"))
del len
print(length("abc"))


def counter_loop(n):
    total = 0
    for i in range(n):
        global step
        step = i
        total += reader_step() + len("xy")
    return total


def reader_step():
    return step


print(counter_loop(200))

limit = 1 << 70
print(reader(), reader())
limit = 2.5
print(reader() * 2, reader())
limit = -3
print([reader() for _ in range(2)])
