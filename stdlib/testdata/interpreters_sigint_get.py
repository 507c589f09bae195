# SIGINT while the main thread waits on an empty cross-interpreter queue:
# KeyboardInterrupt at once, from the get (as CPython's, whose get polls).
# cmd/rwgil's TestSignals runs it.
import concurrent.interpreters as I
q = I.create_queue()
print("waiting on the queue", flush=True)
q.get()
