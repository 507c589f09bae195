# Small allocations, none checked alone: the budget's MemoryError comes
# at the next safe point.
# args: -max-memory 16MiB
# exit: 1
# last: MemoryError: an allocation would take the runtime past its memory budget of 16.0 MiB
# cpython: MemoryError, after filling the machine's memory
a = []
while True:
    a = [a, 'x' * 100]
