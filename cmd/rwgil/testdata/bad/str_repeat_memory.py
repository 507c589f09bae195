# A str of a terabyte: MemoryError, as in CPython.
# args: -max-memory 64MiB
# exit: 1
# last: MemoryError: an allocation of 931.3 GiB would take the runtime past its memory budget of 64.0 MiB
# cpython: MemoryError
x = 'x' * 10**12
