# The main thread waits for an Event that nobody sets.
import threading

threading.Event().wait()
