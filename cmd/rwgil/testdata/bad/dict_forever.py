# args: -max-memory 16MiB
# exit: 1
# last: MemoryError: an allocation
# cpython: MemoryError, after filling the machine's memory
d = {}
i = 0
while True:
    d[i] = i
    i += 1
