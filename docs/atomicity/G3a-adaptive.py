import thread
import legacy_counter
import ported_counter
import legacy_pairs
import blocking_io
import callback
import reentrant
import timer
import faulty

plain = 0
called = 0
torn = []
faults = []


def one():
    return 1


def ident(x):
    return x


def peek():
    # legacy_pairs.items[-1] looked up in legacy_pairs.index, with no safe
    # point between: a miss means an add was seen half-done
    items = legacy_pairs.items
    if items and items[-1] not in legacy_pairs.index:
        torn.append(1)


def attempt(x):
    # faulty.update panics half-way: count the RuntimeError it raises
    try:
        faulty.update(x)
    except RuntimeError:
        faults.append(1)


def worker1():
    global plain, called
    pass


def worker2():
    global plain, called
    plain += 1


def worker3():
    global plain, called
    plain += 1


handles = []
handles.append(thread.start(worker1))
handles.append(thread.start(worker2))
handles.append(thread.start(worker3))
for h in handles:
    thread.join(h)
started, finished = blocking_io.counts()
print("OUTCOME", legacy_counter.value(), ported_counter.value(), plain, called,
      len(torn), started, finished, timer.fired(), len(faults))
