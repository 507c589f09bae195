"""lost_update.py -- the smallest lost update, for the deterministic scheduler.

Two threads each call legacy_counter.increment() once. increment() reads the
module's counter, yields, and writes it back + 1: under free a switch
between the read and the write loses one update. Run it under a schedule to
see the interleaving that loses it, and replay it:

  rwgil run -policy free -schedule seed:9 -show-schedule docs/examples/extensions/lost_update.py

Under eml, gil and sticky the call is atomic: "value = 2 of 2" under every
schedule. docs/testing.md walks through it. Runs under rwgil only.
"""
import thread
import legacy_counter


def worker(n):
    for _ in range(n):
        legacy_counter.increment()


handles = []
handles.append(thread.start(worker, 1))
handles.append(thread.start(worker, 1))
for h in handles:
    thread.join(h)
print("value =", legacy_counter.value(), "of", 2)
