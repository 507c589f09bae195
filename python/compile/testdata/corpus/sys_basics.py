# sys: the arguments, the limits and settings a program reads and sets,
# the standard streams, the module table.
import sys

print("argv:", len(sys.argv), sys.argv[0].endswith("sys_basics.py"))
print("maxsize:", sys.maxsize, sys.maxsize == 2**63 - 1)
print("version:", sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 8), isinstance(sys.version_info, tuple))
print("hexversion is an int:", isinstance(sys.hexversion, int), isinstance(sys.version, str))
print("byteorder:", sys.byteorder, "platform:", sys.platform)
print("implementation name is a str:", isinstance(sys.implementation.name, str))

print("recursion limit:", sys.getrecursionlimit())
sys.setrecursionlimit(2500)
print("raised to:", sys.getrecursionlimit())
sys.setrecursionlimit(1000)

print("switch interval:", sys.getswitchinterval())
sys.setswitchinterval(0.0002)
print("set to:", sys.getswitchinterval())
sys.setswitchinterval(0.005)
for bad in (0, -1.5):
    try:
        sys.setswitchinterval(bad)
    except ValueError as e:
        print("ValueError:", e)

print("int digits:", sys.get_int_max_str_digits())
big = 7 ** 6000
try:
    str(big)
except ValueError as e:
    print("ValueError:", str(e).split(";")[0])
sys.set_int_max_str_digits(6000)
print("digits of 7**6000:", len(str(big)))
sys.set_int_max_str_digits(0)
print("unlimited:", len(str(10 ** 9000)))
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(4300)

n = sys.stdout.write("written with sys.stdout.write\n")
print("write returned", n)
sys.stdout.flush()
print("this goes to stderr", file=sys.stderr)
sys.stderr.write("and so does this\n")
try:
    sys.stdout.write(42)
except TypeError as e:
    print("TypeError:", e)

print("modules:", "sys" in sys.modules, "no_such_module" in sys.modules, sys.modules["sys"] is sys)
import threading
print("after import:", "threading" in sys.modules, sys.modules.get("threading") is threading)
try:
    sys.modules["no_such_module"]
except KeyError as e:
    print("KeyError:", e)
print("refcount of None:", sys.getrefcount(None))
s = sys.intern("".join(["inter", "ned"]))
print("interned:", s, s is sys.intern("interned"))
