# next() on an exhausted iterator, uncaught, ends the program with StopIteration.
def one_item():
    yield "only"


g = one_item()
print(next(g))
print(next(g))
