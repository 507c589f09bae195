# Annotations: parsed and kept in the tree, ignored at run time.
x: int
y: int = 1
z: "str" = "s"
(w): list[int] = []
obj.attr: int = 3
d["k"]: float
t: tuple[int, ...] = (1, 2)
u: dict[str, list[int]] = {}
v: int | None = None


def f(a: int, b: str = "x", *args: float, c: bool = True, **kw: object) -> None:
    pass


def g() -> "A":
    pass


def h(*args: *Ts):
    pass


class A:
    field: int
    other: str = "x"
