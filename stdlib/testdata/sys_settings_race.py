# Four threads set the switch interval, the recursion limit and the int
# digit limit while they recurse and convert ints: the settings are the
# runtime's, read and written atomically.
import sys
import threading


def down(n):
    return 0 if n == 0 else 1 + down(n - 1)


errors = []


def churn(i):
    for k in range(200):
        sys.setswitchinterval(0.0001 * (1 + (i + k) % 5))
        sys.setrecursionlimit(500 + (i * 37 + k) % 300)
        sys.set_int_max_str_digits(1000 + k)
        if down(100) != 100:
            errors.append("depth")
        if len(str(10 ** 700)) != 701:
            errors.append("digits")


threads = [threading.Thread(target=churn, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors, 0.00009 <= sys.getswitchinterval() <= 0.0005, 500 <= sys.getrecursionlimit() < 800)
