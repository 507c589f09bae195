def connect(host="localhost", port):
    return host, port


print(connect(port=80))
