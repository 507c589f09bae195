# dataclasses: generated __init__, __repr__, __eq__, ordering, frozen,
# hashing, field(), InitVar, KW_ONLY, inheritance, asdict/replace.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, FrozenInstanceError, is_dataclass, KW_ONLY, InitVar
from typing import ClassVar

@dataclass
class Point:
    x: int
    y: int = 0

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    tags: list = field(default_factory=list, compare=False, repr=False)

@dataclass(frozen=True)
class Color:
    r: int
    g: int
    b: int

@dataclass
class Inventory:
    items: dict[str, int] = field(default_factory=dict)
    count: ClassVar[int] = 0
    def add(self, name, n=1):
        self.items[name] = self.items.get(name, 0) + n

@dataclass
class Point3(Point):
    z: int = 0
    def __post_init__(self):
        self.norm = abs(self.x) + abs(self.y) + abs(self.z)

@dataclass
class Opts:
    name: str
    _: KW_ONLY
    verbose: bool = False
    level: int = 1

@dataclass
class WithInit:
    a: int
    scale: InitVar[int] = 2
    def __post_init__(self, scale):
        self.a *= scale

p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(2, 1), Point.__match_args__)
print(sorted([Version(1, 2), Version(1, 0), Version(0, 9)]), Version(1) < Version(1, 1), Version(1, 0, ["x"]) == Version(1))
c = Color(1, 2, 3)
try:
    c.r = 5
except FrozenInstanceError as e:
    print("frozen:", e)
print(hash(c) == hash((1, 2, 3)), {c: "ok"}[Color(1, 2, 3)], Point.__hash__)
inv = Inventory(); inv.add("apple"); inv.add("apple", 2)
print(inv, Inventory.count, [f.name for f in fields(inv)])
p3 = Point3(1, -2, 3)
print(p3, p3.norm, isinstance(p3, Point), [f.name for f in fields(Point3)])
print(Opts("x"), Opts("y", verbose=True, level=3))
try:
    Opts("z", True)
except TypeError as e:
    print(e)
print(WithInit(5), WithInit(5, 3))
print(asdict(Inventory({"a": 1})), astuple(Point3(1, 2, 3)), replace(p, y=9))
print(is_dataclass(p), is_dataclass(Point), is_dataclass(3))
try:
    Point()
except TypeError as e:
    print(e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad:
        x: int = 1
        y: int
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad2:
        x: list = []
except ValueError as e:
    print(e)
@dataclass
class Node:
    val: int
    children: list["Node"] = field(default_factory=list)
tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(tree)
print(asdict(tree))
@dataclass(eq=False)
class Ident:
    v: int
print(Ident(1) == Ident(1), Ident.__hash__ is object.__hash__)
@dataclass(unsafe_hash=True)
class H:
    a: int
    b: str = "x"
print(hash(H(1)) == hash((1, "x")))
print(Point.__init__.__qualname__, Point.__repr__.__qualname__)
