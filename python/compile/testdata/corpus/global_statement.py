# global declarations: assigning module variables from functions.
total = 0
calls = []


def add(n):
    global total
    total += n
    calls.append(n)


def reset():
    global total, calls
    total = 0
    calls = []


def shadow():
    total = "local"
    return total


def create_new():
    global brand_new
    brand_new = "made inside a function"


add(5)
add(7)
print(total, calls, shadow(), total)
reset()
print(total, calls)
create_new()
print(brand_new)


def outer():
    x = "enclosing"

    def inner():
        global x
        x = "global x"
    inner()
    return x


print(outer(), x)
