# gh-144513 (and gh-133130) as an rwgil scenario: a fair hand-off of a
# critical section's mutex to a thread that a stop-the-world then
# suspends. Two workers each hold a critical section on L across a
# switch point (sections.hold, a ported function); the main thread makes
# an unported call (stw.append) that appends to L from inside its stop of
# the world. With eml.Bugs.HandOff the first worker's release hands L's
# mutex to the second while it is still parked; the stop suspends it, and
# the append finds L held by a thread that cannot run: CPython deadlocks
# there, rwgil's wait restarts the world in the middle of the unported
# call.
import thread
import sections
import stw

L = []


def worker():
    sections.hold(L)


a = thread.start(worker)
b = thread.start(worker)
stw.append(L, 0)
thread.join(a)
thread.join(b)
print("done")
