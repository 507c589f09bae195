# An endless generator into list(): MemoryError at the budget.
# args: -max-memory 16MiB
# exit: 1
# last: MemoryError: an allocation of
# cpython: MemoryError, after filling the machine's memory
def ones():
    while True:
        yield 1


x = list(ones())
