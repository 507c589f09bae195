"""legacy_counter.py -- an unported extension's state, shared by threads.

Four threads each call legacy_counter.increment() 500 times. The module was
written for the GIL: increment() reads its counter, yields the processor a
few times, and writes the counter + 1, with no lock of its own. The module
is not ported, so each call promotes the calling thread:

  eml     the call stops the world; no increment overlaps another
  gil     the caller holds the GIL through the call
  sticky  importing legacy_counter turns the GIL on (stderr warns)
  free    nothing stops the other threads: increments overlap and
          updates are lost (the free policy shows what breaks)

Expected output:
  eml, gil, sticky   value = 2000 of 2000 lost: 0
  free               value = V of 2000 lost: L   (usually L > 0)

legacy_counter is one of rwgil's bundled extension modules: this program
runs under rwgil only (rwgil run -policy eml legacy_counter.py).
"""
import thread
import legacy_counter


def worker(n):
    for _ in range(n):
        legacy_counter.increment()


handles = [thread.start(worker, 500) for _ in range(4)]
for h in handles:
    thread.join(h)
v = legacy_counter.value()
print("value =", v, "of", 2000, "lost:", 2000 - v)
