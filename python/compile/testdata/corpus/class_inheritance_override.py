# Overriding methods and attributes, and calling the base version explicitly.
class Employee:
    raise_rate = 1.04

    def __init__(self, name, pay):
        self.name = name
        self.pay = pay

    def apply_raise(self):
        self.pay = int(self.pay * self.raise_rate)

    def __repr__(self):
        return "%s(%r, %d)" % (type(self).__name__, self.name, self.pay)


class Developer(Employee):
    raise_rate = 1.10

    def __init__(self, name, pay, language):
        Employee.__init__(self, name, pay)
        self.language = language


class Manager(Employee):
    def __init__(self, name, pay, reports=()):
        super().__init__(name, pay)
        self.reports = list(reports)

    def apply_raise(self):
        super().apply_raise()
        self.pay += 1000 * len(self.reports)


dev = Developer("ann", 50000, "Python")
mgr = Manager("bob", 60000, [dev])
staff = [Employee("cy", 40000), dev, mgr]
for person in staff:
    person.apply_raise()
print(staff)
print([type(p).__name__ for p in staff if isinstance(p, Employee)])
print(Developer.__bases__[0].__name__, Manager.raise_rate, dev.language)
print(issubclass(Manager, Developer), Developer.__mro__[1] is Employee)
