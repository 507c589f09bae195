# An uncaught NameError for a misspelt name: CPython 3.12 suggests the
# closest name it can see (here a builtin).
def greet(name):
    message = "hello, " + name
    pritn(message)


greet("ann")
