# A semaphore of 1 acquired twice by the same thread.
import threading

s = threading.Semaphore(1)
s.acquire()
s.acquire()
