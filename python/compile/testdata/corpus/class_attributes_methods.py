# Class attributes, instance attributes, and methods looked up through the class.
class Dog:
    species = "canis familiaris"
    count = 0

    def __init__(self, name, tricks=None):
        self.name = name
        self.tricks = list(tricks or [])
        Dog.count += 1

    def add_trick(self, trick):
        self.tricks.append(trick)
        return self

    def describe(self):
        return "%s knows %s" % (self.name, ", ".join(self.tricks) or "nothing")


rex = Dog("rex")
fido = Dog("fido", ["sit"])
rex.add_trick("roll").add_trick("beg")
print(rex.describe())
print(fido.describe())
print(Dog.count, rex.count, rex.species == fido.species)
fido.species = "wolf?"
print(fido.species, rex.species, Dog.species)
method = rex.describe
print(method(), Dog.describe(fido))
print(type(rex).__name__, rex.__class__.__name__, type(method).__name__)
print(sorted(vars(rex)), Dog.__name__)
Dog.bark = lambda self: self.name + " says woof"
print(rex.bark(), fido.bark())
