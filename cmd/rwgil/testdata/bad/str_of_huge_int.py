# exit: 1
# stdout: 4300
# last: ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit
# cpython: same
print(len(str(10**4299)))
print("%d" % 10**4300)
