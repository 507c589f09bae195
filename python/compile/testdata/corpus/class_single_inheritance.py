class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.sound
    def describe(self):
        return self.name + " says " + self.speak()
class Dog(Animal):
    def speak(self):
        return "woof"
class Puppy(Dog):
    def __init__(self, name):
        self.name = name + " jr"
class Cat(Animal):
    sound = "meow"
print(Animal("generic").describe())
print(Dog("rex").describe())
print(Puppy("rex").describe())
print(Cat("tom").describe())
print(isinstance(Puppy("a"), Animal), isinstance(Animal("a"), Dog), issubclass(Puppy, Dog), issubclass(Cat, Dog))
