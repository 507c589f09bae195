# 10**10**10 would take gigabytes and hours: refused at once.
# exit: 1
# last: OverflowError: result of ** too large
# cpython: runs for a very long time
x = 10**10**10
