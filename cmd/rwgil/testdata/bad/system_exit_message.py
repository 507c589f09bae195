# exit: 1
# last: bye
# cpython: same
raise SystemExit("bye")
