# None, True, False, NotImplemented, Ellipsis and their types.
print(None, True, False, NotImplemented, Ellipsis, ...)
print(... is Ellipsis, type(...).__name__, type(NotImplemented).__name__, type(None).__name__)
print(True + True, True * 10, False - 1, int(True), str(False), repr(None))
print(None is None, None == None, True is not False, (not None) is True)


def stub():
    ...


print(stub(), [..., ...], {"key": ...})


class Only:
    def __eq__(self, other):
        return NotImplemented


print(Only() == Only(), Only() != 5)
try:
    True.x = 1
except AttributeError as e:
    print(e)
