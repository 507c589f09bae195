# super(Class, obj) names where the search starts.
class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B>" + super(B, self).who()


class C(B):
    def who(self):
        return "C>" + super(C, self).who()

    def skip_b(self):
        return super(B, self).who()


c = C()
print(c.who())
print(c.skip_b())
print(super(C, c).who())


class Base:
    @classmethod
    def make(cls):
        return "made " + cls.__name__


class Child(Base):
    @classmethod
    def make(cls):
        return super().make() + " via Child"


print(Child.make(), Base.make())

try:
    super(C, 5)
except TypeError as e:
    print(e)
