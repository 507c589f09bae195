"""blocking_io.py -- an unported call that blocks, and a thread that runs.

blocking_io.read(seconds) does I/O the classic way: it updates module state
(started), releases the lock around the wait (AllowThreads, as
Py_BEGIN_ALLOW_THREADS), then takes it again and updates finished. Two
reader threads each call read(0.002) four times while a third thread counts
loop iterations (ticks) until they are done; each reader notes how far
ticks moved during each of its reads.

  eml     each half of read() runs with the world stopped; during the wait
          the world restarts, so the counter runs
  gil     the reader holds the GIL in each half and releases it during the
          wait, so the counter runs
  sticky  importing blocking_io turns the GIL on (stderr warns); as gil
  free    the counter runs, but the halves are not atomic: the
          read-modify-writes of the counts may lose updates

Expected output:
  eml, gil, sticky   counts: (8, 8)
                     counter ran during the reads: True
  free               counts: (S, F)   (S, F <= 8; often less)
                     counter ran during the reads: True

Runs under rwgil only (blocking_io is a bundled extension module).
"""
import thread
import blocking_io

done = False
ticks = 0
during = []


def count():
    global ticks
    while not done:  # the only thread that writes ticks
        ticks += 1


def reader(n):
    for _ in range(n):
        before = ticks
        blocking_io.read(0.002)
        during.append(ticks - before)


c = thread.start(count)
r1 = thread.start(reader, 4)
r2 = thread.start(reader, 4)
thread.join(r1)
thread.join(r2)
done = True
thread.join(c)
print("counts:", blocking_io.counts())
print("counter ran during the reads:", sum(during) > 0)
