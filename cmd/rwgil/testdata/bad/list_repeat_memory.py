# A list that fits 64 bits but not the memory: MemoryError, as in CPython.
# args: -max-memory 64MiB
# exit: 1
# last: MemoryError: an allocation of 149.0 GiB would take the runtime past its memory budget of 64.0 MiB
# cpython: MemoryError
x = [0] * 10**10
