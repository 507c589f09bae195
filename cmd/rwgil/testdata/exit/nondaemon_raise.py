# A non-daemon threading thread blocked forever; the main thread raises.
# CPython prints the traceback first, then waits for the thread at exit
# (threading._shutdown): only a signal ends it.
import threading

lock = threading.Lock()
lock.acquire()
started = threading.Event()


def blocked():
    started.set()
    lock.acquire()


threading.Thread(target=blocked).start()
started.wait()
print("main ends")
raise ValueError("main thread gives up")
