# Truth testing: __bool__ first, then __len__, else always true.
class Empty:
    def __len__(self):
        return 0


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        print("  __bool__ called")
        return self.on

    def __len__(self):
        print("  __len__ called")
        return 99


class Anything:
    pass


print(bool(Empty()), bool(Flag(True)), bool(Flag(False)), bool(Anything()))
print(len(Flag(False)))
if not Empty():
    print("Empty() is false")
print(Flag(False) or "fallback")
print([x for x in [Empty(), Anything(), Flag(True)] if x].__len__())


class BadBool:
    def __bool__(self):
        return 1


try:
    bool(BadBool())
except TypeError as e:
    print(e)


class NegativeLen:
    def __len__(self):
        return -1


try:
    len(NegativeLen())
except ValueError as e:
    print(e)
try:
    len(Anything())
except TypeError as e:
    print(e)
