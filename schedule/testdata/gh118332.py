# gh-118332 as an rwgil scenario: a stop-the-world requester that, once
# the world is stopped, resumes its top critical section, whose mutex a
# thread the stop has suspended holds. The main thread, inside a critical
# section on L (sections.apply, a ported function), calls an unported
# function (stw.touch): the call suspends the section, promotes -- a stop
# of the world under eml -- and then resumes the section. A worker waits
# for L meanwhile (sections.hold). With eml.Bugs.HandOff the suspension
# hands L's mutex to the parked worker, the stop suspends the worker, and
# the resumed section finds L held by it: CPython deadlocks there, rwgil's
# wait restarts the world inside the promotion.
import thread
import sections
import stw

L = []


def worker():
    sections.hold(L)


a = thread.start(worker)
sections.apply(L, stw.touch)
thread.join(a)
print("done")
