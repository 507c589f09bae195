# A generator cannot be resumed while it is running.
def gen():
    print("  inside, trying to resume myself")
    try:
        next(me)
    except ValueError as e:
        print("  ValueError:", e)
    yield "done"


me = gen()
print(next(me))



def counter():
    n = 0
    while True:
        n += 1
        yield n


c = counter()
print([next(c) for _ in range(3)], next(c))
