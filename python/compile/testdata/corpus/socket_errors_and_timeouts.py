# What socket raises, in CPython's words: a refused connection, time-outs,
# non-blocking calls that would block, closed sockets and bad arguments.
import errno
import socket

# A bound socket that does not listen: connecting to it is refused.
idle = socket.socket()
idle.bind(("127.0.0.1", 0))
port = idle.getsockname()[1]

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print(type(e).__name__, "|", e, "|", e.errno == errno.ECONNREFUSED, e.strerror)
    print(isinstance(e, ConnectionError), isinstance(e, OSError), e.args)
client.close()

with socket.socket() as s:
    print("connect_ex:", s.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED)

# Time-outs.
print(socket.timeout is TimeoutError, socket.error is OSError)
listener = socket.socket()
listener.bind(("localhost", 0))
listener.listen(1)
listener.settimeout(0.05)
print("timeout:", listener.gettimeout())
try:
    listener.accept()
except socket.timeout as e:
    print(type(e).__name__, "|", e, "|", e.args, e.errno)

a, b = socket.socketpair()
a.settimeout(0.02)
try:
    a.recv(10)
except TimeoutError as e:
    print("recv:", e)

# Non-blocking mode.
a.setblocking(False)
print("blocking:", a.getblocking(), a.gettimeout())
try:
    a.recv(10)
except BlockingIOError as e:
    print(type(e).__name__, "|", e, "|", e.errno == errno.EAGAIN)
b.sendall(b"ready")
print("now:", a.recv(10))
a.setblocking(True)
print("blocking:", a.getblocking(), a.gettimeout())

# A closed socket.
a.close()
print(a.fileno(), repr(a))
try:
    a.send(b"x")
except OSError as e:
    print(type(e).__name__, "|", e)
a.close()  # closing again is fine
b.close()

# A peer that went away.
c, d = socket.socketpair()
d.close()
print("end of stream:", c.recv(5))
try:
    c.sendall(b"x" * 100)
    c.sendall(b"x" * 100)
except BrokenPipeError as e:
    print(type(e).__name__, "|", e)
c.close()

# Bad arguments.
s = socket.socket()
cases = [
    lambda: s.send("text"),
    lambda: s.recv(-1),
    lambda: s.recv("ten"),
    lambda: s.bind("127.0.0.1"),
    lambda: s.bind(("127.0.0.1",)),
    lambda: s.bind(("127.0.0.1", 70000)),
    lambda: s.bind((1, 0)),
    lambda: s.settimeout(-1),
    lambda: s.getpeername(),
    lambda: socket.socket(12345, socket.SOCK_STREAM),
]
for case in cases:
    try:
        case()
    except (OSError, TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, "|", e)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR))
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
print(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
s.close()
idle.close()
listener.close()
print(socket.gethostbyname("localhost"), socket.getdefaulttimeout())
print(socket.AF_INET, socket.SOCK_STREAM, socket.SOL_SOCKET, socket.SO_REUSEADDR,
      socket.IPPROTO_TCP, socket.TCP_NODELAY, socket.SHUT_RD, socket.SHUT_WR, socket.SHUT_RDWR)
