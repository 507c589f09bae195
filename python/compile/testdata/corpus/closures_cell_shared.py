# Closures made in the same call share one cell per variable.
def make():
    shared = []

    def add(x):
        shared.append(x)
        return len(shared)

    def view():
        return list(shared)

    def reset():
        nonlocal shared
        shared = []

    return add, view, reset


add, view, reset = make()
add(1)
add(2)
print(view())
reset()
add(3)
print(view())

add2, view2, _ = make()
add2("other")
print(view(), view2())


def param_in_cell(n):
    def show():
        return n
    n = n * 2
    return show


print(param_in_cell(21)())


def counter_pair():
    count = 0

    def inc():
        nonlocal count
        count += 1

    def get():
        return count

    return inc, get


inc, get = counter_pair()
for _ in range(5):
    inc()
print(get())
