"""faulty.py -- an extension that crashes, and a runtime that goes on.

Every function of faulty panics somewhere: update(x) half-way through
its state (a pair it keeps equal), after_callback(fn) after calling fn,
in_blocking() inside an AllowThreads section, in_section(obj) inside a
critical section on obj, in_foreign() on a goroutine of its own that
entered the runtime with Ensure; go_error() returns a Go error that is
not an exception. attempt(label, f, *args) calls f(*args) inside a
try/except and prints what it caught. A crash costs the caller a
RuntimeError naming the function; the promotion is undone, nothing it
held stays held (the list in_section locked is appended to by a new
thread afterwards), and the runtime goes on. What the crash tore stays
torn: state() shows (1, 0) until repair().

in_foreign() itself returns normally: its goroutine's panic is caught at
that goroutine's own boundary and printed to stderr, as CPython prints
an exception nothing can catch:
  Exception in thread faulty-foreign:
  ... RuntimeError: faulty.<foreign> failed: simulated crash on a foreign goroutine
sticky also warns on stderr that importing faulty turned the GIL on.

Expected output, under every policy:
  update(1) -> RuntimeError: faulty.update failed: simulated crash half-way through the update
  state: (1, 0)
  after repair(): (1, 1)
  in_blocking() -> RuntimeError: faulty.in_blocking failed: simulated crash inside AllowThreads
  in_section(shared) -> RuntimeError: faulty.in_section failed: simulated crash inside a critical section
  after_callback(note) -> RuntimeError: faulty.after_callback failed: simulated crash after a callback
  in_foreign() -> returned None
  go_error() -> SystemError: faulty.go_error returned a Go error: a Go error escaped the extension
  still running: shared = ['callback', 'thread']

Runs under rwgil only: faulty is one of rwgil's bundled extension
modules (rwgil modules -v).
"""
import thread
import faulty

shared = []


def attempt(label, f, *args):
    """Calls f(*args) and prints what happened."""
    try:
        r = f(*args)
    except RuntimeError as e:
        print(label, "-> RuntimeError:", str(e))
    except SystemError as e:
        print(label, "-> SystemError:", str(e))
    else:
        print(label, "-> returned", r)


def note():
    """The callback after_callback calls before it crashes."""
    shared.append("callback")


attempt("update(1)", faulty.update, 1)
print("state:", faulty.state())
faulty.repair()
print("after repair():", faulty.state())
# the other places an extension can crash
attempt("in_blocking()", faulty.in_blocking)
attempt("in_section(shared)", faulty.in_section, shared)
attempt("after_callback(note)", faulty.after_callback, note)
attempt("in_foreign()", faulty.in_foreign)
attempt("go_error()", faulty.go_error)
# the runtime goes on: a new thread appends to the list in_section locked
# when it crashed
t = thread.start(shared.append, "thread")
thread.join(t)
print("still running: shared =", shared)
