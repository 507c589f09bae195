# SIGINT while the main thread waits for a child interpreter's run: as in
# CPython (which handles signals in the main interpreter's main thread
# only), the child's run is not interrupted; KeyboardInterrupt is raised
# in the main thread when the run returns. The child waits on a queue
# that a thread of the main interpreter fills once a line comes on stdin.
# cmd/rwgil's TestSignals runs it.
import concurrent.interpreters as I
import threading
child = I.create()
q = I.create_queue()
child.prepare_main(q=q)
def feed():
    input()
    q.put(1)
threading.Thread(target=feed).start()
print("calling", flush=True)
child.exec("print('child: got', q.get(), flush=True)")
print("not reached")
