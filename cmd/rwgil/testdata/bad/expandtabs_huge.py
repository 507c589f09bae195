# str.expandtabs takes a C int in CPython.
# exit: 1
# last: OverflowError: Python int too large to convert to C int
# cpython: same
print("a\tb".expandtabs(10**12))
