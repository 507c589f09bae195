# PEP 585 and PEP 604 at run time: list[int], dict[str, int], int | None,
# and the types module's names.
print(int | None, None | int, int | str | int)
print(list[int], dict[str, list[int]], tuple[int, ...], type[int], list[int] | None)
x = list[int]([1,2]); print(x, type(x).__name__)
print(list[int].__origin__, list[int].__args__, list[int] == list[int], list[int] == list[str])
print(isinstance(3, int | str), isinstance(None, int | None), issubclass(bool, int | str))
try:
    isinstance([], list[int])
except TypeError as e:
    print(e)
print((int | str).__args__, (int | str) == (str | int), len({int | str, str | int}))
try:
    int | 3
except TypeError as e:
    print(e)
print(type(int | str).__name__, type(list[int]).__name__)
import types
print(types.FunctionType, types.NoneType, types.SimpleNamespace(a=1, b="x"))
print(dict[str, int].fromkeys("ab", 0))
