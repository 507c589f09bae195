# A consumer waits on an empty Queue; the main thread joins it.
import queue
import threading

q = queue.Queue()
t = threading.Thread(target=q.get)
t.start()
t.join()
