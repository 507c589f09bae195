# A closure keeps its enclosing function's variables alive.
def make_counter(start=0, step=1):
    count = start

    def next_value():
        nonlocal count
        count += step
        return count

    return next_value


a = make_counter()
b = make_counter(100, 10)
print(a(), a(), a(), b(), b(), a())


def make_account(balance):
    def deposit(n):
        nonlocal balance
        balance += n
        return balance

    def withdraw(n):
        nonlocal balance
        if n > balance:
            raise ValueError("only %d left" % balance)
        balance -= n
        return balance

    def current():
        return balance

    return deposit, withdraw, current


dep, wd, cur = make_account(10)
dep(5)
wd(3)
print(cur())
try:
    wd(100)
except ValueError as e:
    print(e)
print(a.__name__, a.__qualname__)
