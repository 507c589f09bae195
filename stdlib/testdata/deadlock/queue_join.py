# join() on a queue whose item nobody marks done.
import queue

q = queue.Queue()
q.put(1)
q.get()
q.join()
