# abc: abstract methods (and properties, class methods) block
# instantiation until overridden.
import abc
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @property
    @abstractmethod
    def name(self): ...
    def describe(self):
        return f"{self.name} with area {self.area():.2f}"
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
    @property
    def name(self):
        return "circle"
class Half(Shape):
    def area(self):
        return 1
for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print(e)
c = Circle(2)
print(c.describe(), isinstance(c, Shape), sorted(Shape.__abstractmethods__), Circle.__abstractmethods__)
class Base(ABC):
    @classmethod
    @abstractmethod
    def make(cls): ...
class Impl(Base):
    @classmethod
    def make(cls):
        return cls()
print(type(Impl.make()).__name__)
try:
    Base()
except TypeError as e:
    print(e)
