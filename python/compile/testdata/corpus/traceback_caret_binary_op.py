# CPython 3.12 marks the failing operator of a binary operation.
def ratio(done, total):
    return done * 100 / total


print(ratio(1, 4))
parts = [ratio(3, 4), ratio(1, 0)]
