"""Running calls asynchronously: Future, ThreadPoolExecutor, wait and
as_completed, with CPython's API and behaviour.

An executor's worker threads are ordinary threading threads, started as
work arrives, up to max_workers. At the end of the program CPython finishes
the work already submitted, then joins the workers; rwgil's workers do the
same: each one that finds its queue empty after the main thread has ended
leaves, so a program that never calls shutdown still ends, with every
submitted call run.

ProcessPoolExecutor is not there: rwgil runs one process.
"""

import itertools
import os
import queue
import threading
import time

__all__ = ['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED',
           'CancelledError', 'TimeoutError', 'InvalidStateError',
           'BrokenExecutor', 'Future', 'Executor', 'wait', 'as_completed',
           'ThreadPoolExecutor']

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

_PENDING = 'PENDING'
_RUNNING = 'RUNNING'
_CANCELLED = 'CANCELLED'
_CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
_FINISHED = 'FINISHED'

_STATE_TO_DESCRIPTION_MAP = {
    _PENDING: "pending", _RUNNING: "running", _CANCELLED: "cancelled",
    _CANCELLED_AND_NOTIFIED: "cancelled", _FINISHED: "finished",
}


class Error(Exception):
    pass


class CancelledError(Error):
    """The Future was cancelled."""


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in the Future's current state."""


class BrokenExecutor(RuntimeError):
    """The executor cannot run work any more (an initializer failed)."""


class _Waiter:
    # What wait and as_completed block on: the futures that finished since
    # it was installed, signalled by the futures' condition.
    def __init__(self, kind, pending_count=0, stop_on_exception=False):
        self.kind = kind
        self.event = threading.Event()
        self.lock = threading.Lock()
        self.finished = []
        self.pending = pending_count
        self.stop_on_exception = stop_on_exception

    def _done(self, future, failed):
        with self.lock:
            self.finished.append(future)
            if self.kind == 'as_completed' or self.kind == FIRST_COMPLETED:
                self.event.set()
                return
            self.pending -= 1
            if (failed and self.stop_on_exception) or self.pending <= 0:
                self.event.set()

    def add_result(self, future):
        self._done(future, False)

    def add_exception(self, future):
        self._done(future, True)

    def add_cancelled(self, future):
        self._done(future, False)


class Future:
    """The result of a call that may not have run yet."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as exc:
                import sys
                print(f'exception calling callback for {self!r}', file=sys.stderr)
                print(f'{type(exc).__name__}: {exc}', file=sys.stderr)

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception:
                    return '<%s at %#x state=%s raised %s>' % (
                        self.__class__.__name__, id(self),
                        _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._exception.__class__.__name__)
                return '<%s at %#x state=%s returned %s>' % (
                    self.__class__.__name__, id(self),
                    _STATE_TO_DESCRIPTION_MAP[self._state],
                    self._result.__class__.__name__)
            return '<%s at %#x state=%s>' % (
                self.__class__.__name__, id(self),
                _STATE_TO_DESCRIPTION_MAP[self._state])

    def cancel(self):
        """Cancel the call if it has not started; True if it is cancelled."""
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED)

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED)

    def __get_result(self):
        if self._exception is not None:
            raise self._exception
        return self._result

    def add_done_callback(self, fn):
        """Call fn(future) when the future is done (now, if it is)."""
        with self._condition:
            if self._state not in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as exc:
            import sys
            print(f'exception calling callback for {self!r}', file=sys.stderr)
            print(f'{type(exc).__name__}: {exc}', file=sys.stderr)

    def result(self, timeout=None):
        """The call's return value, waiting up to timeout seconds for it;
        the call's exception is raised here."""
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self.__get_result()
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self.__get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        """The call's exception, or None, waiting up to timeout seconds."""
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def set_running_or_notify_cancel(self):
        """For executors: mark the future running, or return False if it
        was cancelled."""
        with self._condition:
            if self._state == _CANCELLED:
                self._state = _CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._result = result
            self._state = _FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._exception = exception
            self._state = _FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()


def _done_or_failed(fs, return_when):
    done = set(f for f in fs if f._state in (_CANCELLED_AND_NOTIFIED, _FINISHED))
    if return_when == FIRST_EXCEPTION:
        failed = any(f._state == _FINISHED and f._exception is not None for f in done)
    else:
        failed = False
    return done, failed


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures: returns (done, not_done), two sets, when the
    first completes, the first raises, or all are done (return_when), or
    when timeout seconds have passed."""
    fs = set(fs)
    for f in fs:
        f._condition.acquire()
    try:
        done, failed = _done_or_failed(fs, return_when)
        not_done = fs - done
        if (return_when == FIRST_COMPLETED and done) or failed or not not_done:
            return DoneAndNotDoneFutures(done, not_done)
        waiter = _Waiter(return_when, len(not_done), return_when == FIRST_EXCEPTION)
        for f in fs:
            f._waiters.append(waiter)
    finally:
        for f in fs:
            f._condition.release()
    waiter.event.wait(timeout)
    for f in fs:
        with f._condition:
            f._waiters.remove(waiter)
    done.update(waiter.finished)
    return DoneAndNotDoneFutures(done, fs - done)


class DoneAndNotDoneFutures(tuple):
    # wait's result: a named pair (done, not_done).
    def __new__(cls, done, not_done):
        return tuple.__new__(cls, (done, not_done))

    @property
    def done(self):
        return self[0]

    @property
    def not_done(self):
        return self[1]

    def __repr__(self):
        return f'DoneAndNotDoneFutures(done={self[0]!r}, not_done={self[1]!r})'


def as_completed(fs, timeout=None):
    """Yield the futures as they complete (those already done first);
    TimeoutError if timeout seconds pass before all have."""
    if timeout is not None:
        end = timeout + time.monotonic()
    fs = set(fs)
    total = len(fs)
    for f in fs:
        f._condition.acquire()
    try:
        finished = set(f for f in fs if f._state in (_CANCELLED_AND_NOTIFIED, _FINISHED))
        pending = fs - finished
        waiter = _Waiter('as_completed')
        for f in fs:
            f._waiters.append(waiter)
    finally:
        for f in fs:
            f._condition.release()
    try:
        yield from finished
        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end - time.monotonic()
                if wait_timeout < 0:
                    raise TimeoutError('%d (of %d) futures unfinished' % (len(pending), total))
            waiter.event.wait(wait_timeout)
            with waiter.lock:
                got = waiter.finished
                waiter.finished = []
                waiter.event.clear()
            for f in got:
                if f in pending:
                    pending.remove(f)
                    yield f
    finally:
        for f in fs:
            with f._condition:
                if waiter in f._waiters:
                    f._waiters.remove(waiter)


class Executor:
    """The base of executors: submit, map, shutdown, and with."""

    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """fn over the items of iterables, run by the executor: an iterator
        of the results in order (all calls are submitted at once)."""
        if timeout is not None:
            end = timeout + time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield fs.pop().result()
                    else:
                        yield fs.pop().result(end - time.monotonic())
            finally:
                for f in fs:
                    f.cancel()
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None
        else:
            self.future.set_result(result)


# How long an idle worker waits for work before it looks whether the main
# thread has ended.
_IDLE_POLL = 0.05


def _worker(executor_ref, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            executor = executor_ref
            if executor is not None:
                executor._initializer_failed()
            return
    main = threading.main_thread()
    while True:
        try:
            item = work_queue.get(timeout=_IDLE_POLL)
        except queue.Empty:
            if not main.is_alive():
                return
            continue
        if item is None:
            # Pass the sentinel on to the next worker.
            work_queue.put(None)
            return
        item.run()
        del item
        executor_ref._idle.release()


class ThreadPoolExecutor(Executor):
    """An executor that runs calls on a pool of at most max_workers threads
    (default min(32, cpu_count + 4))."""

    _counter = itertools.count()

    def __init__(self, max_workers=None, thread_name_prefix='',
                 initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % next(ThreadPoolExecutor._counter)))
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        """Schedule fn(*args, **kwargs); returns its Future."""
        with self._shutdown_lock:
            if self._broken:
                raise BrokenExecutor(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        # An idle worker takes the new item; else start one, up to the max.
        if self._idle.acquire(timeout=0):
            return
        n = len(self._threads)
        if n < self._max_workers:
            t = threading.Thread(name='%s_%d' % (self._thread_name_prefix, n),
                                 target=_worker,
                                 args=(self, self._work_queue,
                                       self._initializer, self._initargs))
            t.start()
            self._threads.add(t)

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            while True:
                try:
                    item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item.future.set_exception(BrokenExecutor(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Take no more work; with cancel_futures, cancel what has not
        started; with wait, return once the workers have finished."""
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()
