# PEP 695: type parameters and type aliases.
type Point = tuple[float, float]
type ListOrSet[T] = list[T] | set[T]
type Bounded[T: int] = list[T]
type Constrained[T: (int, str)] = T
type Variadic[*Ts] = tuple[*Ts]
type Params[**P] = Callable[P, int]
type A[T, *Ts, **P] = object


def f[T](x: T) -> T:
    return x


def g[T: int, U](x: T, y: U): pass


class Box[T]:
    def get(self) -> T: pass


class Multi[T, *Ts, **P](Base):
    pass


async def h[T](): pass
