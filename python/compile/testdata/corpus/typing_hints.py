# typing at run time: the forms print and compare as CPython's; Generic,
# Protocol, get_type_hints, get_origin/get_args, NamedTuple.
from typing import (Any, Optional, Union, List, Dict, Tuple, Set, Callable, TypeVar, Generic,
                    Iterable, Iterator, Sequence, Mapping, ClassVar, Final, Literal, cast,
                    overload, get_type_hints, get_origin, get_args, NamedTuple, TYPE_CHECKING, Protocol)
import typing

T = TypeVar("T")
K = TypeVar("K", str, bytes)
print(Any, Optional[int], Union[int, str], Union[int, None], Union[int], List[int], Dict[str, List[int]])
print(Tuple[int, ...], Callable[[int, str], bool], ClassVar[int], Literal["a", 1], T, K)
print(Optional[int] == Union[int, None], Union[int, str] == Union[str, int], List[int] == List[int])
print(isinstance([1], List), isinstance({}, Dict), isinstance(3, Union[int, str]), isinstance("x", Optional[int]))
print(isinstance([], Iterable), isinstance(3, Iterable), isinstance(iter([]), Iterator), isinstance(len, Callable))
print(get_origin(List[int]), get_origin(list[int]), get_args(Dict[str, int]), get_args(int | None), get_origin(int))
print(cast(int, "x"), TYPE_CHECKING)

class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()

s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), type(s).__name__, Stack[int], Stack.__mro__[1:])

class Config:
    name: str
    retries: int = 3
    tags: Optional[List[str]] = None
print(get_type_hints(Config))

def greet(name: str, times: "int" = 1) -> str:
    return name * times
print(greet.__annotations__, get_type_hints(greet))

Pair = NamedTuple("Pair", [("a", int), ("b", str)])
p = Pair(1, "x")
print(p, p.a)

class Greeter(Protocol):
    def greet(self) -> str: ...
class English:
    def greet(self) -> str:
        return "hello"
def use(g: Greeter) -> str:
    return g.greet()
print(use(English()))
try:
    List()
except TypeError as e:
    print(e)
try:
    isinstance([], List[int])
except TypeError as e:
    print(e)
def first(xs: Sequence[T]) -> T:
    return xs[0]
print(first([5, 6]), first("ab"))
print(typing.Dict, typing.Iterable[int], typing.Mapping[str, int])
