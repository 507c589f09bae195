# Datagrams over loopback (sendto/recvfrom), a TCP connection over ::1,
# and a non-blocking connect finished with select.
import errno
import select
import socket

# UDP: a datagram keeps its boundaries.
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.bind(("127.0.0.1", 0))
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
tx.bind(("127.0.0.1", 0))
for word in [b"one", b"two", b"three"]:
    print("sent", tx.sendto(word, rx.getsockname()))
for _ in range(3):
    data, addr = rx.recvfrom(100)
    print(data, addr == tx.getsockname())
rx.settimeout(0.01)
try:
    rx.recvfrom(100)
except TimeoutError as e:
    print("recvfrom:", e)
rx.close()
tx.close()

# TCP over IPv6 loopback.
srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
srv.bind(("::1", 0))
srv.listen()
host, port, flow, scope = srv.getsockname()
print(host, flow, scope, srv.family == socket.AF_INET6)
cli = socket.create_connection(("::1", port))
conn, addr = srv.accept()
print(addr[0], len(addr))
cli.sendall(b"over ipv6")
print(conn.recv(100))
for s in (cli, conn, srv):
    s.close()

# A non-blocking connect: BlockingIOError at once, then select says when
# the socket is writable, and SO_ERROR says whether it connected.
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
c = socket.socket()
c.setblocking(False)
try:
    c.connect(srv.getsockname())
    print("connected at once")
except BlockingIOError as e:
    print("BlockingIOError:", e.errno == errno.EINPROGRESS, e)
_, writable, _ = select.select([], [c], [], 5)
print("writable:", writable == [c], "SO_ERROR:", c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
conn, _ = srv.accept()
print(c.getpeername() == srv.getsockname(), conn.getpeername() == c.getsockname())
for s in (c, conn, srv):
    s.close()
