# Annotations are parsed; they do not change what the program does.
count: int = 5
label: str
ratio: float = count / 2


def scale(x: float, factor: "number" = 2) -> float:
    result: float = x * factor
    return result


class Point:
    x: int
    y: int = 0

    def __init__(self, x: int, y: int = 0) -> None:
        self.x: int = x
        self.y = y


print(count, ratio, scale(1.5), scale(2, factor=3))
p = Point(3)
print(p.x, p.y, Point.y)
try:
    print(label)
except NameError as e:
    print(e)
try:
    Point.x
except AttributeError as e:
    print(e)
items: list[int] = [1, 2]
items[0]: int = 10
print(items)
