# Closures see a variable's current value, not the value when they were made.
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])

funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])


def make_multipliers():
    return [lambda x: x * k for k in range(1, 4)]


print([m(10) for m in make_multipliers()])


def make_multipliers_fixed():
    def one(k):
        return lambda x: x * k
    return [one(k) for k in range(1, 4)]


print([m(10) for m in make_multipliers_fixed()])

x = "global"


def read_later():
    return x


x = "changed"
print(read_later())


def enclosing():
    message = "first"

    def speak():
        return message

    message = "second"
    return speak


print(enclosing()())
