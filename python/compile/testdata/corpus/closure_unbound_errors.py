# Reading a variable before it is bound: UnboundLocalError and NameError.
def local_before_assignment():
    try:
        print(total)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    total = 1
    return total


total = 100
print(local_before_assignment())


def free_before_assignment():
    def inner():
        return value
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    value = 5
    return inner()


print(free_before_assignment())


def deleted_cell():
    item = "here"

    def read():
        return item

    del item
    try:
        read()
    except NameError as e:
        print(type(e).__name__ + ":", e)


deleted_cell()
print(issubclass(UnboundLocalError, NameError))
