# Two threads each add 1 to a global; the assert fails if an update was
# lost: under free a switch between a thread's read and write loses one,
# under gil nothing can switch inside `counter += 1`.
import thread

counter = 0


def work():
    global counter
    counter += 1


hs = [thread.start(work), thread.start(work)]
for h in hs:
    thread.join(h)
print("counter =", counter)
assert counter == 2, "an update was lost"
