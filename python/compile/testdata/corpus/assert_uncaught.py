# An assert that fails ends the program with its message.
def withdraw(balance, amount):
    assert amount > 0, "amount must be positive, got %r" % amount
    return balance - amount


print(withdraw(10, 3))
print(withdraw(10, -2))
