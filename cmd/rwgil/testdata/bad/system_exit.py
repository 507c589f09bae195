# exit: 3
# cpython: same
raise SystemExit(3)
