# Class bodies: their names are not visible inside methods or comprehensions.
size = "global size"


class Box:
    size = 10
    double = size * 2
    names = [size for _ in range(2)]

    def get_size(self):
        return size

    def get_class_size(self):
        return self.size, Box.size


b = Box()
print(Box.double, Box.names)
print(b.get_size(), b.get_class_size())


class Counter:
    count = 0
    count += 1
    count += 1
    label = "count is " + str(count)


print(Counter.count, Counter.label)


def make_class(tag):
    class Local:
        name = tag

        def who(self):
            return "Local " + tag

    return Local


L = make_class("t1")
print(L.name, L().who(), L.__name__, L.__qualname__)


class Outer:
    class Inner:
        pass


print(Outer.Inner.__qualname__, Box.get_size.__qualname__)
