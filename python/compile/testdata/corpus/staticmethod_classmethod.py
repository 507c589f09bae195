# @staticmethod and @classmethod, on the class and on instances.
class Temperature:
    scale = "C"

    def __init__(self, degrees):
        self.degrees = degrees

    @classmethod
    def from_fahrenheit(cls, f):
        return cls(round((f - 32) * 5 / 9, 1))

    @staticmethod
    def is_freezing(degrees):
        return degrees <= 0

    @classmethod
    def describe_scale(cls):
        return cls.__name__ + " in " + cls.scale

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, self.degrees)


class Kelvin(Temperature):
    scale = "K"


t = Temperature.from_fahrenheit(212)
print(t, Temperature.is_freezing(-1), t.is_freezing(t.degrees))
print(Temperature.describe_scale(), Kelvin.describe_scale(), t.describe_scale())
k = Kelvin.from_fahrenheit(32)
print(k, type(k).__name__)

f = Temperature.is_freezing
print(f(5))
sm = staticmethod(len)
cm = classmethod(lambda cls: cls.__name__)


class Holder:
    size = sm
    name = cm


print(Holder.size("abc"), Holder().size([1]), Holder.name(), Holder().name())
