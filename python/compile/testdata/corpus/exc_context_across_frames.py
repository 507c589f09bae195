def fail():
    raise TypeError("in callee")
try:
    raise ValueError("first")
except ValueError:
    fail()
