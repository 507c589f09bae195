# A consumer waits on a Condition that nobody notifies.
import threading

cond = threading.Condition()
with cond:
    cond.wait()
