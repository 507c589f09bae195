# Eight client threads, each with its own connection to a threaded echo
# server (one handler thread per connection), send 200 messages each and
# check every echo; run under free the sockets and their threads share no
# lock at all.
import socket
import threading

CLIENTS, MESSAGES = 8, 200
server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
results = []
results_lock = threading.Lock()


def handle(conn):
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            conn.sendall(data)


def accept_all():
    handlers = []
    for _ in range(CLIENTS):
        conn, _ = server.accept()
        h = threading.Thread(target=handle, args=(conn,))
        h.start()
        handlers.append(h)
    for h in handlers:
        h.join()


def client(n):
    good = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as c:
        for i in range(MESSAGES):
            msg = ("client %d message %d;" % (n, i)).encode()
            c.sendall(msg)
            got = b""
            while len(got) < len(msg):
                got += c.recv(len(msg) - len(got))
            if got == msg:
                good += 1
    with results_lock:
        results.append((n, good))


acceptor = threading.Thread(target=accept_all)
acceptor.start()
clients = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
for t in clients:
    t.start()
for t in clients:
    t.join()
acceptor.join()
server.close()
print(sorted(results))
print("echoed intact:", sum(good for _, good in results), "of", CLIENTS * MESSAGES)
