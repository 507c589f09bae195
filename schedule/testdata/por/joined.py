# The footprints of a thread's start, its exit and a join: the main
# thread writes a global between starting and joining a worker that reads
# it through a module attribute (thread.start's own module), and reads
# what the worker wrote after the join. What the worker read depends on
# where it fell between the main thread's writes; every outcome reached
# without the reduction must be reached with it.
import thread

flag = 0
out = 0


def work(box):
    global out
    out = flag + len(box)


box = [1]
w = thread.start(work, box)
flag = 1
thread.join(w)
print(out, flag)
