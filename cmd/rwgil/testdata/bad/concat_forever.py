# args: -max-memory 16MiB
# exit: 1
# last: MemoryError: an allocation of
# cpython: MemoryError, after filling the machine's memory
s = 'x'
while True:
    s += s
