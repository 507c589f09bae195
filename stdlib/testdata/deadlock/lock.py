# Two threads take two Locks in opposite orders, each waiting for the other.
import threading

a, b = threading.Lock(), threading.Lock()
ready = threading.Barrier(2)


def one():
    with a:
        ready.wait()
        with b:
            pass


def two():
    with b:
        ready.wait()
        with a:
            pass


ts = [threading.Thread(target=one), threading.Thread(target=two)]
for t in ts:
    t.start()
for t in ts:
    t.join()
