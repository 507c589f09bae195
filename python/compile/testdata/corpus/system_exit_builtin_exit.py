# exit() and quit(), which CPython's site module adds, raise SystemExit.
for call in [lambda: exit(), lambda: exit("bye"), lambda: quit(2), lambda: exit(code=3)]:
    try:
        call()
    except SystemExit as e:
        print(type(e).__name__, repr(e.code), e.args)
try:
    exit(1, code=2)
except TypeError as e:
    print(e)
print("leaving")
exit(code=4)
print("not reached")
