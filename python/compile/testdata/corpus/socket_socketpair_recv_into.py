# socketpair, recv_into a bytearray, MSG_PEEK, and a megabyte through
# sendall to a reader thread.
import socket
import threading

left, right = socket.socketpair()
print(left.family == socket.AF_UNIX, left.type == socket.SOCK_STREAM)
left.sendall(b"peek-a-boo")
print(right.recv(4, socket.MSG_PEEK), right.recv(4), right.recv(100))

buf = bytearray(8)
left.sendall(b"0123456789")
n = right.recv_into(buf)
print(n, buf)
n = right.recv_into(buf, 2)
print(n, buf)
try:
    right.recv_into(buf, 100)
except ValueError as e:
    print("ValueError:", e)
try:
    right.recv_into(b"immutable")
except TypeError as e:
    print("TypeError:", e)

total = []


def reader(sock):
    count = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        count += len(chunk)
    total.append(count)


t = threading.Thread(target=reader, args=(right,))
t.start()
left.sendall(b"x" * 1_000_000)
left.shutdown(socket.SHUT_WR)
t.join()
print("reader got", total[0], "bytes")
left.close()
right.close()
print(left, right.fileno())
