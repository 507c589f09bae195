# issubclass, isinstance, callable and type.
class Animal: pass
class Dog(Animal): pass
class Robot: pass


print(issubclass(Dog, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog))
print(issubclass(Dog, (Robot, Animal)), issubclass(bool, int), issubclass(Dog, object))
print(isinstance(Dog(), Animal), isinstance(Dog, type), isinstance(3, (str, float)))
print(callable(len), callable(Dog), callable(Dog()), callable(lambda: 0), callable("s"))
print(type(3).__name__, type("s").__name__, type(None).__name__, type(Dog()).__name__)
print(type(len).__name__, type(Dog).__name__, type(type).__name__, type([]) is list)
print(type(3.0) is float, type(True) is int, type(True) is bool)
try:
    issubclass(Dog(), Animal)
except TypeError as e:
    print(e)
try:
    isinstance(3, 4)
except TypeError as e:
    print(e)
