# assert raises AssertionError, with the message when one is given.
def mean(values):
    assert len(values) > 0, "mean of an empty list"
    return sum(values) / len(values)


print(mean([1, 2, 3, 4]))
try:
    mean([])
except AssertionError as e:
    print("AssertionError:", e, e.args)

try:
    assert 1 + 1 == 3
except AssertionError as e:
    print("no message:", repr(e), e.args)

x = 5
assert x == 5
assert isinstance(x, int), "x must be an int"
try:
    assert x < 0, "x is %d" % x
except AssertionError as e:
    print(e)
messages = []
try:
    assert [], messages.append("evaluated only on failure") or "empty"
except AssertionError as e:
    print(e, messages)
assert True, messages.append("not evaluated")
print(messages)
