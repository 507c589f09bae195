# 4 * 2**62 is 0 in 64 bits: the size check must not wrap.
# exit: 1
# last: OverflowError: repeated sequence is too long
# cpython: MemoryError
x = [0, 0, 0, 0] * 2**62
