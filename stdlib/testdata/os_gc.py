# The os and gc modules: what a program reads from them, and their errors.
import gc
import os

print(os.name, os.sep, repr(os.linesep), os.curdir, os.pardir, os.pathsep, os.extsep, os.devnull)
print(type(os.getpid()).__name__, os.getpid() > 0, os.cpu_count() >= 1)
print("PATH" in os.environ, os.environ["PATH"] == os.getenv("PATH"), os.environ.get("RWGIL_NO_SUCH_VAR"))
print(os.getenv("RWGIL_NO_SUCH_VAR"), os.getenv("RWGIL_NO_SUCH_VAR", "fallback"), os.getenv(key="RWGIL_NO_SUCH_VAR"))
print(len(os.urandom(16)), os.urandom(0))
print(os.path.join("a", "b", "c"), os.path.join("a", "/b", "c"), os.path.join("a/", "b"), os.path.join("", "x"), os.path.join("a", ""))
print(os.path.basename("/usr/lib/x.py"), repr(os.path.basename("/usr/lib/")), os.path.dirname("/usr/lib/x.py"), repr(os.path.dirname("x.py")))
print(os.path.dirname("//a"), os.path.dirname("/a//b"), os.path.split("/a/b/c.txt"), os.path.split("c"), os.path.split("///x"))
print(os.path.splitext("a/b.tar.gz"), os.path.splitext(".bashrc"), os.path.splitext("a.b/c"), os.path.splitext("..x"))
print(os.path.isabs("/x"), os.path.isabs("x"), os.path.normpath("a//b/./c/../d"), os.path.normpath("//a/../.."), os.path.normpath(""))
print(os.path.normpath("../../x/.."), os.path.normpath("///a"), os.path.abspath("/a/./b/../c"))
print(os.path.exists("."), os.path.exists("no/such/file"), os.path.isdir("."), os.path.isfile("."), os.path.isfile("/etc/passwd"))
print(os.path.exists(bytes([46])), os.path.exists(10 ** 6))
os.environ.get("PATH")

for f in [lambda: os.getenv(), lambda: os.getenv(1), lambda: os.getpid(1), lambda: os.cpu_count(1),
          lambda: os.path.join(), lambda: os.path.join(1), lambda: os.path.join("a", 1), lambda: os.path.basename(5),
          lambda: os.path.exists(1.5), lambda: os.urandom(-1), lambda: os.environ["RWGIL_NO_SUCH_VAR"]]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

print(gc.collect(), gc.collect(0), gc.collect(generation=2), gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
for f in [lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.collect("a"), lambda: gc.collect(1, 2),
          lambda: gc.collect(gen=2), lambda: gc.enable(1), lambda: gc.isenabled(x=1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
