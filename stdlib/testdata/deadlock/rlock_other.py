# A thread waits for an RLock the main thread holds while joining it.
import threading

r = threading.RLock()
r.acquire()
t = threading.Thread(target=r.acquire)
t.start()
t.join()
