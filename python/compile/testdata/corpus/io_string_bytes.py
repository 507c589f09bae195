# io.StringIO and io.BytesIO: writing, reading, lines, seeking and
# truncating, padding past the end, newline translation, print(file=),
# and the errors CPython raises.
import io

s = io.StringIO()
print(s.write("hello\n"), s.write("world"), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.readline()), repr(s.readline()))
s.seek(0)
print(s.readlines())
s.seek(0)
print([line for line in s])
s.seek(2)
print(repr(s.read(3)), s.tell(), repr(s.read()))
s.seek(20)
s.write("!")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
s.seek(0, io.SEEK_END)
print(s.tell())
for bad in [(1, 1), (-1, 2)]:
    try:
        s.seek(*bad)
    except OSError as e:
        print("OSError:", e)
try:
    s.seek(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    s.write(3)
except TypeError as e:
    print("TypeError:", e)

t = io.StringIO("one\ntwo\nthree")
print(t.read(2), t.tell(), t.getvalue().split())
out = io.StringIO()
print("a", 1, [2], sep="-", end="|", file=out)
print("b", file=out)
out.writelines(["x\n", "y\n"])
print(repr(out.getvalue()))

for nl in [None, "", "\n", "\r", "\r\n"]:
    u = io.StringIO(newline=nl)
    u.write("a\nb\r\nc\rd")
    u.seek(0)
    print(repr(nl), repr(u.getvalue()), u.readlines())
try:
    io.StringIO(newline="x")
except ValueError as e:
    print("ValueError:", e)

with io.StringIO("ctx") as c:
    print(c.read(), c.closed)
print(c.closed)
for op in [c.read, c.getvalue, c.tell, lambda: c.write("x")]:
    try:
        op()
    except ValueError as e:
        print("ValueError:", e)

b = io.BytesIO(b"ab\ncd")
print(b.read(1), b.readline(), b.readline(), b.readline())
b.seek(-1, io.SEEK_END)
print(b.read(), b.tell())
b.seek(8)
print(b.write(b"Z"), b.getvalue())
print(b.write(bytearray(b"yy")), b.getvalue(), b.tell())
b.seek(-100, 1)
print(b.tell())
b.truncate(3)
print(b.getvalue(), b.tell())
try:
    b.write("text")
except TypeError as e:
    print("TypeError:", e)
print(isinstance(b, io.BufferedIOBase), isinstance(s, io.TextIOBase), isinstance(s, io.IOBase))
print(io.StringIO("q").readable(), io.BytesIO().seekable(), io.StringIO().isatty())
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))

closed_b = io.BytesIO()
closed_b.close()
closed_s = io.StringIO()
closed_s.close()
for stream in [closed_b, closed_s]:
    for name in ["read", "readline", "getvalue", "tell", "flush", "isatty", "readable", "readlines", "__iter__", "__enter__"]:
        try:
            getattr(stream, name)()
        except ValueError as e:
            print(type(stream).__name__, name, repr(str(e)))
for stream in [io.BytesIO(), io.StringIO()]:
    for call in [lambda: stream.seek(-1), lambda: stream.truncate(-1)]:
        try:
            call()
        except ValueError as e:
            print(type(stream).__name__, e)
