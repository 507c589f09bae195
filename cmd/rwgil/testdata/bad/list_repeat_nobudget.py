# With no budget, one allocation larger than the machine is still a
# MemoryError, not Go's fatal "out of memory".
# args: -max-memory off
# exit: 1
# last: MemoryError: an allocation of 149.0 GiB is more than this machine's memory
# cpython: MemoryError
L = [0]
L *= 10**10
