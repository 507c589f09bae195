class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, typ, value, tb):
        print("exit", self.name, typ.__name__ if typ else None, value)
        return self.suppress

with Manager("a") as v:
    print("body", v)

with Manager("b", suppress=True):
    raise KeyError("swallowed")
print("after b")

try:
    with Manager("c"):
        raise ValueError("escapes")
except ValueError as e:
    print("caught", e)

def early():
    with Manager("d") as v:
        return "returned " + v

print(early())

with Manager("outer"), Manager("inner") as w:
    print("nested", w)

for bad in [1, None]:
    try:
        with bad:
            pass
    except TypeError as e:
        print(e)

class NoExit:
    def __enter__(self):
        return self

try:
    with NoExit():
        pass
except TypeError as e:
    print(e)
