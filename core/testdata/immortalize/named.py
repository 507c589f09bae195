# What the first thread start makes immortal (core/immortalize.go): the
# module, its dict, module-level functions and lambdas, classes and their
# methods -- not a function made by a function's call, nor anything made
# after the start.


def top():
    return 1


class C:
    def m(self):
        return 2

    class Inner:
        def n(self):
            return 3


def make():
    def inner():
        return 4
    return inner


inner = make()
lam = lambda: 5
