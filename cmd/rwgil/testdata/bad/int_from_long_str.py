# CPython's int <-> str digit limit (sys.set_int_max_str_digits).
# exit: 1
# last: ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 100000 digits; use sys.set_int_max_str_digits() to increase the limit
# cpython: same
x = int('9' * 100000)
