"""E5's server: Beazley's convoy, a request/reply server under a CPU-bound thread.

usage: convoy.py VARIANT SPIN [PIN]

Serves one client connection on a loopback port: each request is a
4-byte big-endian length and that many bytes; the reply is the same
message. VARIANT is "threads" (blocking sockets, a thread for the
connection) or "select" (one select loop over non-blocking sockets).
With SPIN 1, a CPU-bound Python thread runs in the server's process the
whole time. With PIN 1, the thread that serves places itself on
processor 0 and the spinner on processor 1 (os.sched_setaffinity), as
the pinned anchors were measured: the harness puts the client on
processor 0 too. The server first prints {"port": N} and, when the
client has closed the connection, {"requests", "spin_loops"}.
"""
import json
import os
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


def serve_threads(srv, place):
    conn, _ = srv.accept()
    handled = []

    def handle():
        place(0)
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


def serve_select(srv, place):
    place(0)
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
    pin = len(argv) > 3 and argv[3] == "1"
    done = threading.Event()
    loops = [0]

    def place(cpu):
        if pin:
            os.sched_setaffinity(0, {cpu})

    def spinner():
        place(1)
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
        n = serve_threads(srv, place)
    else:
        n = serve_select(srv, place)
    srv.close()
    done.set()
    print(json.dumps({"requests": n, "spin_loops": loops[0]}))


main(sys.argv)
