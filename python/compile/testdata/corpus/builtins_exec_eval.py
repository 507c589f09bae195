# exec, eval and compile: namespaces, code objects, and the errors of
# source that does not compile.
x = 10
print(eval("x + 1"), eval("  x * 2"), eval("(1 +\n 2)"))
g = {"a": 2}
print(eval("a ** 3", g), sorted(g))
exec("b = a + 1\ndef f(n):\n    return n * b\n", g)
print(g["b"], g["f"](4), sorted(k for k in g if k != "__builtins__"))
l = {}
exec("c = 5", g, l)
print(l, "c" in g)
exec("y = x + 100")
print(y)
def inner():
    z = 3
    print(eval("z + x"))
    exec("w = 1")
inner()
code = compile("q = 7\nprint('compiled', q)", "<mine>", "exec")
exec(code)
e = compile("2 ** 10", "<e>", "eval")
print(eval(e), type(code).__name__)
class K:
    v = 1
    exec("u = v + 1")
    print(sorted(k for k in locals() if not k.startswith("__")))
print(K.u)
for bad in ["x = 1", "1;2", "", "def f(): pass", "(1+", "1 +* 2", "  x\n    y"]:
    try:
        eval(bad)
    except SyntaxError as e:
        print(repr(bad), type(e).__name__, e.msg, e.lineno, e.filename)
try:
    exec("if True:\nprint(1)\n")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset, repr(e.text))
try:
    exec("x = (1,")
except SyntaxError as e:
    print(e)
try:
    eval(3)
except TypeError as e:
    print(e)
try:
    exec("1", [])
except TypeError as e:
    print(e)
try:
    eval("undefined_name")
except NameError as e:
    print(e)
try:
    exec("raise ValueError('inside')")
except ValueError as e:
    print("caught", e)
print(eval(b"1 + 1"), eval("x", {"x": "global"}, {"x": "local"}))
print(exec("1"), eval("[i*i for i in range(4)]"))
