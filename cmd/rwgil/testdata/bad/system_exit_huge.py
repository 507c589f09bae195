# An exit code too large for a C long: CPython says so and exits 255.
# exit: 255
# last: OverflowError: Python int too large to convert to C long
# cpython: same
raise SystemExit(2**80)
