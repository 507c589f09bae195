# A small bank: accounts, transfers, and errors for bad operations.
class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__("%s cannot pay %d (balance %d)" % (account.owner, amount, account.balance))
        self.account = account
        self.amount = amount


class Account:
    next_id = 1

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
        self.id = Account.next_id
        Account.next_id += 1

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def __repr__(self):
        return "Account#%d(%s, %d)" % (self.id, self.owner, self.balance)


def transfer(src, dst, amount):
    src.withdraw(amount)
    dst.deposit(amount)


alice = Account("alice", 100)
bob = Account("bob")
transfer(alice, bob, 30)
for amount in [50, 80, -5]:
    try:
        if amount < 0:
            bob.deposit(amount)
        else:
            transfer(alice, bob, amount)
        print("moved", amount)
    except InsufficientFunds as e:
        print("refused:", e)
    except ValueError as e:
        print("invalid:", e)
print(alice, bob)
print(alice.history)
print(bob.history)
