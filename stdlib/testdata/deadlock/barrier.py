# A barrier for three parties that only two threads reach.
import threading

b = threading.Barrier(3)
t = threading.Thread(target=b.wait)
t.start()
b.wait()
