# concurrent.interpreters against CPython 3.13's test.support.interpreters
# (the same API under another name): what both do alike.
try:
    import concurrent.interpreters as I
except ImportError:
    from test.support import interpreters as I

main = I.get_main()
print(main, main.id, I.get_current() == main, main.is_running())
a = I.create()
print(a, a.id, a.is_running(), [i.id for i in I.list_all()])

a.exec("x = 1 + 2\nprint('in a:', x)")
a.exec("print('x is still', x)")

try:
    a.exec("raise ValueError('boom')")
except I.ExecutionFailed as e:
    print(type(e).__name__, isinstance(e, I.InterpreterError))
    print(str(e))
    print(e.excinfo.type.__name__, repr(e.excinfo.msg), repr(e.excinfo.formatted))

try:
    a.exec("def f(:\n  pass")
except I.ExecutionFailed as e:
    print("syntax:", e.excinfo.type.__name__)

try:
    a.exec("import no_such_module_here")
except I.ExecutionFailed as e:
    print(e.excinfo.formatted)

for v in [None, True, 0, -5, 10**40, 1.5, "", "héllo", b"", b"by", (), (1, ("a", b"b"), None)]:
    print(repr(v), I.is_shareable(v))
for v in [[1], {}, {1: 2}, set(), object(), bytearray(b"x"), print]:
    print(type(v).__name__, I.is_shareable(v))

try:
    a.prepare_main(l=[1])
except I.NotShareableError as e:
    print(type(e).__name__, e)

a.prepare_main(t=(1, "two", b"3", None, 2.5, 10**15), n=7)
a.prepare_main({"m": "from a dict"})
a.exec("print(t, n, m, type(t[5]).__name__)")

def hello():
    print("hello from", __name__)
a.call(hello)

y = 3
try:
    a.call(lambda: y)
except I.ExecutionFailed as e:
    print(e.excinfo.formatted)

t = a.call_in_thread(hello)
t.join()

a.exec("import threading\nprint(threading.current_thread().name)")

try:
    main.close()
except I.InterpreterError as e:
    print(type(e).__name__, e)

try:
    a.exec("""
try:
    import concurrent.interpreters as I
except ImportError:
    from test.support import interpreters as I
I.get_current().close()
""")
except I.ExecutionFailed as e:
    print(e.excinfo.type.__name__, e.excinfo.msg)

q = I.create_queue(2)
print(q.qsize(), q.empty(), q.full(), q.maxsize)
q.put(1)
q.put("two")
try:
    q.put_nowait(3)
except I.QueueFull as e:
    print(type(e).__name__, e, isinstance(e, RuntimeError))
import queue
try:
    q.put_nowait(3)
except queue.Full:
    print("a QueueFull is a queue.Full")
print(q.qsize(), q.full(), q.empty(), q.get(), q.get_nowait())
try:
    q.get_nowait()
except I.QueueEmpty as e:
    print(type(e).__name__, e)
try:
    q.get(timeout=0)
except queue.Empty as e:
    print("get(timeout=0):", e)

# A queue crosses as itself: the child puts, the parent gets. (CPython
# 3.13 wants the queues module imported where a queue arrives.)
IMPORT_QUEUES = """
try:
    import concurrent.interpreters
except ImportError:
    from test.support.interpreters import queues
"""
a.exec(IMPORT_QUEUES)
a.prepare_main(q=q)
a.exec("q.put(t)\nq.put(n * 6)")
print(q.get(), q.get())

b = I.create()
b.exec(IMPORT_QUEUES)
b.prepare_main(q=q)
a.exec("q.put('from a to b')")
b.exec("print('b got:', q.get())")
print(sorted(i.id for i in I.list_all()))

a.close()
print(sorted(i.id for i in I.list_all()))
for op in ("exec", "close", "is_running"):
    try:
        if op == "exec":
            a.exec("1")
        elif op == "close":
            a.close()
        else:
            a.is_running()
    except I.InterpreterNotFoundError as e:
        print(op, type(e).__name__, e)
b.close()
print("done")
