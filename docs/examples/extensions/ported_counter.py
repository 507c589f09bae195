"""ported_counter.py -- a ported extension's state, shared by threads.

The same program as legacy_counter.py, run against ported_counter: the same
slow read-modify-write (read, yield a few times, write + 1), but the module
has declared it runs without the GIL and guards its counter with a lock of
its own. Its calls never promote: no stop-the-world is paid for them under
eml, sticky keeps the GIL off (no warning), and the count is exact under
every policy, free included -- what porting buys.

Expected output, under eml, gil, sticky and free alike:
  value = 2000 of 2000 lost: 0

Runs under rwgil only (ported_counter is a bundled extension module).
"""
import thread
import ported_counter


def worker(n):
    for _ in range(n):
        ported_counter.increment()


handles = [thread.start(worker, 500) for _ in range(4)]
for h in handles:
    thread.join(h)
v = ported_counter.value()
print("value =", v, "of", 2000, "lost:", 2000 - v)
