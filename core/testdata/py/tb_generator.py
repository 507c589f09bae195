def gen():
    yield 1
    yield next(iter([]))

for x in gen():
    print(x)
