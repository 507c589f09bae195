# args: -max-memory 64MiB
# exit: 1
# last: MemoryError: an allocation of 74.5 GiB would take the runtime past its memory budget of 64.0 MiB
# cpython: MemoryError
x = list(range(10**9))
