"""E5's server: Beazley's convoy, a request/reply server under a CPU-bound thread.

usage: convoy.py VARIANT SPIN

Serves one client connection on a loopback port: each request is a
4-byte big-endian length and that many bytes; the reply is the same
message. VARIANT is "threads" (blocking sockets, a thread for the
connection) or "select" (one select loop over non-blocking sockets).
With SPIN 1, a CPU-bound Python thread runs in the server's process the
whole time. The server first prints {"port": N} and, when the client has
closed the connection, {"requests", "spin_loops"}. The thread that
serves and the spinner print their native thread ids ({"handler_tid"},
{"spinner_tid"}), so that a harness can pin them to processors.
"""
import json
import select
import socket
import struct
import sys
import threading


def say(fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def recv_exact(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def serve_threads(srv):
    conn, _ = srv.accept()
    handled = []

    def handle():
        say({"handler_tid": threading.get_native_id()})
        n = 0
        while True:
            head = recv_exact(conn, 4)
            if head is None:
                break
            (size,) = struct.unpack(">I", head)
            body = recv_exact(conn, size)
            if body is None:
                break
            conn.sendall(head + body)
            n += 1
        conn.close()
        handled.append(n)

    t = threading.Thread(target=handle)
    t.start()
    t.join()
    return handled[0]


def serve_select(srv):
    say({"handler_tid": threading.get_native_id()})
    srv.setblocking(False)
    conn = None
    while conn is None:
        readable, _, _ = select.select([srv], [], [])
        if readable:
            conn, _ = srv.accept()
    conn.setblocking(False)
    inbox = b""
    outbox = b""
    n = 0
    while True:
        want_write = [conn] if outbox else []
        readable, writable, _ = select.select([conn], want_write, [])
        if writable:
            sent = conn.send(outbox)
            outbox = outbox[sent:]
        if readable:
            chunk = conn.recv(65536)
            if not chunk:
                break
            inbox += chunk
            while len(inbox) >= 4:
                (size,) = struct.unpack(">I", inbox[:4])
                if len(inbox) < 4 + size:
                    break
                outbox += inbox[:4 + size]
                inbox = inbox[4 + size:]
                n += 1
    conn.close()
    return n


def main(argv):
    variant = argv[1]
    spin = argv[2] == "1"
    done = threading.Event()
    loops = [0]

    def spinner():
        say({"spinner_tid": threading.get_native_id()})
        while not done.is_set():
            x = 0
            for i in range(1000):
                x = x + i
            loops[0] += 1

    if spin:
        threading.Thread(target=spinner, daemon=True).start()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    say({"port": srv.getsockname()[1]})
    if variant == "threads":
        n = serve_threads(srv)
    else:
        n = serve_select(srv)
    srv.close()
    done.set()
    print(json.dumps({"requests": n, "spin_loops": loops[0]}))


main(sys.argv)
