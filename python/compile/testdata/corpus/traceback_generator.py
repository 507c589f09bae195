# An exception inside a generator shows the generator's frame.
def numbers():
    yield 1
    yield 2
    raise ValueError("no more numbers")


total = 0
for n in numbers():
    total += n
    print(total)
