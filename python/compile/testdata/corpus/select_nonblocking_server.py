# The non-blocking variant of an echo server: one thread, select.select
# over a listening socket and every connection, no call that blocks.
# Three client threads each send a request and wait for the reply.
import select
import socket
import threading

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(8)
server.setblocking(False)
port = server.getsockname()[1]

replies = {}
lock = threading.Lock()


def client(n):
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(("request %d" % n).encode())
        data = c.recv(100)
        with lock:
            replies[n] = data


threads = [threading.Thread(target=client, args=(n,)) for n in range(3)]
for t in threads:
    t.start()

conns = []
answered = 0
while answered < 3:
    readable, writable, failed = select.select([server] + conns, [], [], 5.0)
    if not readable:
        print("select timed out")
        break
    for sock in readable:
        if sock is server:
            conn, addr = server.accept()
            conn.setblocking(False)
            conns.append(conn)
            continue
        data = sock.recv(100)
        if data:
            sock.sendall(data.replace(b"request", b"reply"))
            answered += 1
        conns.remove(sock)
        sock.close()

for t in threads:
    t.join()
server.close()
print("answered", answered)
for n in sorted(replies):
    print(n, replies[n])
print(select.select([], [], [], 0))
try:
    select.select([server], [], [], 0)
except ValueError as e:
    print("ValueError:", e)
for bad in (3, [object()], [-5]):
    try:
        select.select(bad, [], [], 0)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    select.select([], [], [], -1)
except ValueError as e:
    print("ValueError:", e)
