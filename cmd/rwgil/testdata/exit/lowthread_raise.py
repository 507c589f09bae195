# A _thread thread blocked forever on a lock nobody releases; the main
# thread raises. CPython does not wait for _thread threads at exit: the
# process ends with the traceback and status 1.
import _thread
import threading
import time

lock = _thread.allocate_lock()
lock.acquire()
started = _thread.allocate_lock()
started.acquire()


def blocked():
    started.release()
    lock.acquire()


_thread.start_new_thread(blocked, ())
daemon = threading.Thread(target=lambda: time.sleep(3600), daemon=True)
daemon.start()
started.acquire()
print("main ends")
raise ValueError("main thread gives up")
