# threading.main_thread().is_alive() turns false when the main module
# returns, while the program waits for its other threads.
import threading, time
def w():
    for i in range(40):
        if not threading.main_thread().is_alive():
            print("saw the main thread end"); return
        time.sleep(0.05)
    print("never saw main end")
threading.Thread(target=w).start()
print("main done")
