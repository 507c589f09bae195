# An echo server on a free port (port 0) in a thread, and three clients
# one after another: each sends a few lines and reads each echo back.
import socket
import threading

HOST = "127.0.0.1"
served = []
log = []


def handle(conn):
    with conn:
        received = 0
        while True:
            data = conn.recv(1024)
            if not data:
                break
            received += len(data)
            conn.sendall(data.upper())
        served.append(received)


def serve(server, clients):
    for _ in range(clients):
        conn, addr = server.accept()
        log.append("server: connection from " + addr[0])
        handle(conn)


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((HOST, 0))
server.listen()
host, port = server.getsockname()
print("listening on", host, "port is", "free" if port > 0 else "zero")

worker = threading.Thread(target=serve, args=(server, 3), name="echo")
worker.start()

for n in range(3):
    with socket.create_connection((HOST, port), timeout=5) as client:
        print("client", n, "peer", client.getpeername()[0], "timeout", client.gettimeout())
        for word in ["hello", "socket", "world"][: n + 1]:
            message = ("%s %d" % (word, n)).encode()
            client.sendall(message)
            reply = b""
            while len(reply) < len(message):
                chunk = client.recv(1024)
                if not chunk:
                    break
                reply += chunk
            print("  sent", message, "got", reply)
        client.shutdown(socket.SHUT_WR)
        print("  after shutdown:", client.recv(10))

worker.join()
server.close()
print("\n".join(log))
print("served bytes:", served)
print("server closed:", server.fileno())
