# A size past 64 bits: OverflowError, in CPython's words.
# exit: 1
# last: OverflowError: repeated string is too long
# cpython: same
s = 'ab'
s *= 2**62
