"""counter.py -- a counter shared by threads.

Four threads each do `counter += 1` 20,000 times. The increment compiles
to LOAD_GLOBAL counter; LOAD_CONST 1; BINARY_OP +=; STORE_GLOBAL counter,
with no safe point inside (only the loop's backward jump polls), so under
the GIL no switch can fall inside it and no update is lost. Without a
global lock (free, eml, sticky before an unported import) the threads run
at once and interleave inside it: updates are lost. docs/design.md, G3.

    rwgil run -policy gil docs/examples/counter.py    # lost: 0
    rwgil run -policy eml docs/examples/counter.py    # lost: some
    python3.12 docs/examples/counter.py               # CPython: lost: 0
"""
import thread

counter = 0


def worker(n):
    global counter
    for i in range(n):
        counter += 1  # no safe point inside


handles = [thread.start(worker, 20000) for _ in range(4)]
for h in handles:
    thread.join(h)
print("counter =", counter, "of", 80000, "lost:", 80000 - counter)
