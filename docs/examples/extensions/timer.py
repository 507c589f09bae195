"""timer.py -- a goroutine of an extension's own calls back into Python.

timer.start(tick, 5, 0.001) starts a goroutine the runtime did not
create: five times it waits a millisecond, enters the runtime with
Ensure (PyGILState_Ensure), calls tick(i) and leaves with Release.
tick(i) counts in a global and records i. Meanwhile the main thread does
core work of its own (a sum over 5,000 ints), then waits, detached,
with timer.wait(handle), which returns how many callbacks succeeded.
Only the timer's goroutine writes the global, so every count is exact.

  eml     the module is not ported: the goroutine enters exclusive (the
          world stops for its bookkeeping); tick runs demoted under
          -callbacks drop, exclusive under hold
  gil     the goroutine takes the GIL for each tick; the main thread
          hands it over when its switch interval runs out
  sticky  importing timer turns the GIL on (stderr warns); as gil
  free    nobody is stopped; the result is the same

Expected output, under every policy:
  timer fired 5 of 5: ticks = 5 seen = [0, 1, 2, 3, 4] fired() = 5
  main work: 12497500

Runs under rwgil only: timer is one of rwgil's bundled extension
modules (rwgil modules -v).
"""
import timer

ticks = 0
seen = []


def tick(i):
    """The timer's callback, called on the timer's own goroutine."""
    global ticks
    ticks += 1
    seen.append(i)


def work(n):
    """sum(range(n)) the long way."""
    total = 0
    for i in range(n):
        total += i
    return total


handle = timer.start(tick, 5, 0.001)
total = work(5000)  # while the timer ticks
n = timer.wait(handle)
print("timer fired", n, "of 5: ticks =", ticks, "seen =", seen, "fired() =", timer.fired())
print("main work:", total)
