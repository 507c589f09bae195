# A _thread thread blocked forever; the main thread ends normally.
# CPython exits with status 0 at once.
import _thread

lock = _thread.allocate_lock()
lock.acquire()
started = _thread.allocate_lock()
started.acquire()


def blocked():
    started.release()
    lock.acquire()


_thread.start_new_thread(blocked, ())
started.acquire()
print("main ends")
