# Parameters after * (or after *args) must be passed by keyword.
def connect(host, *, port=80, timeout):
    return "%s:%d (timeout %ss)" % (host, port, timeout)


print(connect("example.org", timeout=3))
print(connect("example.org", port=8080, timeout=1.5))

try:
    connect("example.org", 8080, 3)
except TypeError as e:
    print(e)

try:
    connect("example.org")
except TypeError as e:
    print(e)


def log(*messages, sep=" | ", level):
    return "[" + level + "] " + sep.join(messages)


print(log("a", "b", "c", level="info"))
print(log(level="warn"))

try:
    log("x", lvl="debug")
except TypeError as e:
    print(e)


def two_required(*, a, b):
    return a + b


try:
    two_required()
except TypeError as e:
    print(e)
