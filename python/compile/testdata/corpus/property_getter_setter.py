# @property with a setter and a deleter, and a read-only property.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance

    @property
    def balance(self):
        print("(get)")
        return self._balance

    @balance.setter
    def balance(self, value):
        print("(set)", value)
        if value < 0:
            raise ValueError("balance cannot be negative")
        self._balance = value

    @balance.deleter
    def balance(self):
        print("(delete)")
        self._balance = 0

    @property
    def summary(self):
        return self.owner + ": " + str(self._balance)


a = Account("ann", 10)
print(a.balance)
a.balance = 25
a.balance += 5
print(a.summary)
try:
    a.balance = -1
except ValueError as e:
    print("refused:", e)
del a.balance
print(a.summary)
try:
    a.summary = "x"
except AttributeError as e:
    print(e)
print(type(Account.balance).__name__)


class Celsius:
    def __init__(self):
        self._c = 0

    def get_f(self):
        return self._c * 9 / 5 + 32

    def set_f(self, f):
        self._c = (f - 32) * 5 / 9

    fahrenheit = property(get_f, set_f)


c = Celsius()
c.fahrenheit = 212
print(c._c, c.fahrenheit)
