# sys.exit in a thread ends only that thread, silently; in the main thread
# it ends the program with its status, after the other threads finish.
import sys
import threading

finished = []


def quits():
    finished.append("quits")
    sys.exit(5)
    finished.append("never")


def works():
    finished.append("works")


threads = [threading.Thread(target=quits), threading.Thread(target=works)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(finished))
try:
    sys.exit(9)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
print("now exiting with 4")
sys.exit(4)
