"""msgsocket.py -- an echo server and its client over loopback TCP.

The main thread listens on a free port (listen(0)) and starts a server
thread, which accepts one connection and echoes each message it reads
with recv_msg until recv_msg returns None (the client closed). The
client (the main thread) connects to msgsocket.port(listener), sends 20
messages -- text beyond latin-1 included: messages are UTF-8 behind a
length prefix -- reads each echo back and compares it, then closes.
Every socket has a timeout (settimeout), so a lost peer raises
TimeoutError instead of hanging.

msgsocket is ported: its calls never promote (sticky keeps the GIL off, and
warns about nothing), and every call that blocks releases the lock, as
CPython's socket module releases the GIL, so the server and the client
take turns under every policy.

Expected output, under every policy:
  client: sent 20, echoed back intact 20
  server: echoed 20 messages, then saw the end of the stream

Runs under rwgil only: msgsocket is one of rwgil's bundled extension
modules (rwgil modules -v).
"""
import thread
import msgsocket

served = []


def serve(listener):
    """Accepts one connection and echoes it until it ends."""
    conn = msgsocket.accept(listener)
    msgsocket.settimeout(conn, 2.0)
    n = 0
    while (msg := msgsocket.recv_msg(conn)) is not None:
        msgsocket.send_msg(conn, msg)
        n += 1
    msgsocket.close(conn)
    served.append(n)


listener = msgsocket.listen(0)
msgsocket.settimeout(listener, 2.0)
server = thread.start(serve, listener)
conn = msgsocket.connect(msgsocket.port(listener))
msgsocket.settimeout(conn, 2.0)
intact = 0
for i in range(20):
    msg = "message " + str(i) + " \u00e9\u2192\u6f22"
    msgsocket.send_msg(conn, msg)
    if msgsocket.recv_msg(conn) == msg:
        intact += 1
msgsocket.close(conn)  # the server's recv_msg returns None and it stops
thread.join(server)
msgsocket.close(listener)
print("client: sent 20, echoed back intact", intact)
# served holds the server's count once it has seen the end of the stream
print("server: echoed", sum(served), "messages, then saw the end of the stream")
