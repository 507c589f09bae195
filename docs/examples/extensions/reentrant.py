"""reentrant.py -- an unported call whose callback calls unported code.

reentrant.call(inner) calls inner() from inside an unported call, and
inner calls two unported functions itself: reentrant.depth(), which
returns the calling thread's promotion depth inside that call, and
legacy_counter.increment(). Two threads each make 50 such calls; the
program prints every depth inner saw and the counter. Run it with
-callbacks drop (the default) and -callbacks hold:

  hold  the thread stays exclusive through the callback, so the inner
        calls nest: depth 2, and no second stop-the-world
  drop  the callback runs demoted, so each inner call is an outermost
        promotion of its own: depth 1

Either way nothing deadlocks and every promotion is undone. The depths
are the same under every policy (free counts promotions too, it just
stops nobody). The increments are exact wherever each call is
exclusive: eml, gil and sticky; under free they may be lost. sticky
also warns on stderr that importing reentrant turned the GIL on.

Expected output:
  hold   depths seen: [2]
  drop   depths seen: [1]
  eml, gil, sticky   counter = 100 of 100
  free               counter = C of 100   (C <= 100)

Runs under rwgil only: reentrant is one of rwgil's bundled extension
modules (rwgil modules -v).
"""
import thread
import reentrant
import legacy_counter

depths = []


def inner():
    """Runs as a callback of reentrant.call."""
    depths.append(reentrant.depth())
    legacy_counter.increment()


def worker(n):
    for _ in range(n):
        reentrant.call(inner)


t1 = thread.start(worker, 50)
t2 = thread.start(worker, 50)
thread.join(t1)
thread.join(t2)
print("depths seen:", sorted(set(depths)))
print("counter =", legacy_counter.value(), "of", 100)
