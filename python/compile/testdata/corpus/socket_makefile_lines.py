# A line-oriented protocol over makefile: the server thread reads
# commands line by line from a file object and answers through another.
import socket
import threading

server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
log = []


def serve():
    conn, _ = server.accept()
    with conn, conn.makefile("r", encoding="utf-8") as reader, conn.makefile("w") as writer:
        for line in reader:
            command = line.rstrip("\n")
            log.append(command)
            if command == "quit":
                writer.write("bye\n")
                writer.flush()
                break
            writer.write(command.upper() + " (%d)\n" % len(command))
            writer.flush()


t = threading.Thread(target=serve)
t.start()
with socket.create_connection(("127.0.0.1", port)) as client:
    out = client.makefile("wb")
    inp = client.makefile("rb")
    for word in ["héllo", "select", "threads"]:
        out.write((word + "\n").encode())
        out.flush()
        print(inp.readline())
    client.sendall(b"two\nlines\n")
    print(inp.readline(), inp.readline())
    out.write(b"quit\n")
    out.flush()
    print(inp.read())
    print(inp.readable(), inp.writable(), out.writable())
    inp.close()
    try:
        inp.readline()
    except ValueError as e:
        print("ValueError:", e)
t.join()
server.close()
print(log)
