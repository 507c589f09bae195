"""callback.py -- an unported extension's private state across callbacks.

callback.apply(fn, items) resets a running total kept in module state (a
C static), calls fn(x) -- Python code -- for each item, adds what it
returns to the total with a slow read-modify-write, and returns the
total. Two threads, started together through a lock (the gate), each
call apply(work, range(20)) ten times; work(x) loops a little (backward
jumps: safe points) and returns x, so every total should be
sum(range(20)) = 190. A total is wrong when another thread's apply ran
while this one was inside a callback. Run it with -callbacks drop (the
default) and -callbacks hold:

  drop  the thread demotes for each callback, as the GIL could switch
        inside one: under eml another apply runs meanwhile and resets
        the total (wrong totals, usually); under gil and sticky only
        when a switch interval (5ms) ends inside a callback (rarely)
  hold  the thread stays exclusive through its callbacks: under eml,
        gil and sticky every apply is atomic and every total is right
  free  nothing is exclusive in either mode: a total is wrong whenever
        the two threads' applies overlap (how often depends on timing)

sticky prints the GIL warning for callback to stderr.

Expected output:
  hold under eml, gil, sticky   wrong totals: 0 of 20
  otherwise                     wrong totals: W of 20   (W varies)

Runs under rwgil only: callback is one of rwgil's bundled extension
modules (rwgil modules -v).
"""
import thread
import callback

totals = []


def work(x):
    for _ in range(5):  # a little looping: each iteration a safe point
        pass
    return x


def worker(n):
    gate.acquire()  # wait at the gate, then let the other worker through
    gate.release()
    for _ in range(n):
        totals.append(callback.apply(work, range(20)))


# gate: held until both workers exist, so that they start together
gate = thread.Lock()
gate.acquire()
t1 = thread.start(worker, 10)
t2 = thread.start(worker, 10)
gate.release()
thread.join(t1)
thread.join(t2)
wrong = 0
for total in totals:
    if total != 190:
        wrong += 1
print("wrong totals:", wrong, "of", len(totals))
