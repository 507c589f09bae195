# Inside a method, a bare name that is an attribute of self is suggested
# as self.name.
class Account:
    def __init__(self, balance):
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount
        return balance


acct = Account(10)
print(acct.deposit(5))
