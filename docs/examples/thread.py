"""rwgil's thread module, for CPython.

rwgil has a built-in module `thread` (core/threadmod.go): native threads
and locks, like CPython's _thread. CPython has no module of that name; this
file is one, written over CPython's threading, so that a program written
for rwgil runs unchanged under CPython when this directory is on its path:

    PYTHONPATH=docs/examples python3.12 docs/examples/counter.py

(A program in this directory finds it without PYTHONPATH: CPython puts a
script's own directory first on sys.path.) Under rwgil `import thread`
gets the built-in module and never reads this file.

The API is rwgil's:

    start(fn, *args)   run fn(*args) on a new thread; returns its handle
    join(handle)       wait for the thread to end (also handle.join())
    Lock()             a lock: acquire(blocking=True, timeout=-1),
                       release(), locked()
    RLock()            a re-entrant lock: acquire(...), release()
    get_ident()        the calling thread's identity, an int
    sleep(seconds)     sleep, letting other threads run

An exception that escapes a thread's function is printed to stderr the way
rwgil prints it -- `Exception in thread Thread-N:` and the traceback, from
the function's frame down -- and the thread ends; the program goes on.
SystemExit ends the thread silently, as CPython's threading does.
Threads are numbered Thread-1, Thread-2, ... in the order they start, as
rwgil numbers them.
"""

import sys as _sys
import threading as _threading
import time as _time
import traceback as _traceback

Lock = _threading.Lock
RLock = _threading.RLock
get_ident = _threading.get_ident
sleep = _time.sleep

_serial = 0
_serial_lock = _threading.Lock()


def _run(fn, args, name):
    try:
        fn(*args)
    except SystemExit:
        pass  # ends the thread silently, as in CPython's threading
    except BaseException as e:
        # Leave out this frame, as rwgil's traceback starts at fn's.
        tb = e.__traceback__.tb_next if e.__traceback__ is not None else None
        text = "".join(_traceback.format_exception(type(e), e, tb))
        _sys.stderr.write("Exception in thread " + name + ":\n" + text)


def start(fn, *args):
    """Runs fn(*args) on a new thread and returns the thread's handle."""
    global _serial
    with _serial_lock:
        _serial += 1
        name = "Thread-%d" % _serial
    t = _threading.Thread(target=_run, args=(fn, args, name), name=name)
    t.start()
    return t


def join(handle):
    """Waits until the thread behind handle has ended."""
    if not isinstance(handle, _threading.Thread):
        raise TypeError("join() argument must be a thread handle, not %s" % type(handle).__name__)
    handle.join()
