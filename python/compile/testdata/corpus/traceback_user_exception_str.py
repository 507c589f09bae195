# An uncaught user exception: its class name, then what its __str__ returns.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(needed, available)
        self.needed = needed
        self.available = available

    def __str__(self):
        return "need %d more" % (self.needed - self.available)


def pay(amount, balance):
    if amount > balance:
        raise InsufficientFunds(amount, balance)
    return balance - amount


balance = pay(30, 100)
print("balance", balance)
balance = pay(500, balance)
