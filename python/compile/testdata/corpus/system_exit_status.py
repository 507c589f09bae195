# raise SystemExit ends the program with that exit status, without a traceback.
print("about to exit")
try:
    raise SystemExit(3)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
raise SystemExit(4)
print("not reached")
