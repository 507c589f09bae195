# Thread misuse raises what CPython raises; an exception in a thread goes
# to threading.excepthook (here replaced), SystemExit in a thread is quiet.
import threading


def nothing():
    pass


t = threading.Thread(target=nothing)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
t.start()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
t.join()
try:
    t.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.Thread(group=1)
except AssertionError as e:
    print("AssertionError:", e)


class NoInit(threading.Thread):
    def __init__(self):
        pass


try:
    NoInit().start()
except RuntimeError as e:
    print("RuntimeError:", e)

seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


threading.excepthook = hook


def fail():
    raise KeyError("missing")


bad = threading.Thread(target=fail, name="failer")
bad.start()
bad.join()
print(seen)
threading.excepthook = threading.__excepthook__


def leave():
    raise SystemExit(3)


quiet = threading.Thread(target=leave)
quiet.start()
quiet.join()
print("SystemExit in a thread is silent")
