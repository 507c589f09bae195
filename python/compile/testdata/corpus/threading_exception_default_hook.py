# An uncaught exception in a thread is printed to stderr as
# "Exception in thread NAME (target):" with its traceback; the program
# goes on and exits 0.
import threading


def divide(a, b):
    return a / b


t = threading.Thread(target=divide, args=(1, 0))
t.start()
t.join()
print("main goes on; the thread is alive:", t.is_alive())
