# The low-level _thread module: start_new_thread, a lock as the signal
# that the thread is done, get_ident, LockType, and its argument errors.
import _thread

done = _thread.allocate_lock()
done.acquire()
result = []


def work(a, b, *, scale):
    result.append((a + b) * scale)
    result.append(_thread.get_ident() != main_ident)
    done.release()


main_ident = _thread.get_ident()
ident = _thread.start_new_thread(work, (2, 3), {"scale": 10})
print("ident is an int:", isinstance(ident, int))
with done:
    print(result)
print(type(done) is _thread.LockType, _thread.LockType.__name__, _thread.error is RuntimeError)
r = _thread.RLock()
with r:
    with r:
        print("re-entered")
for bad in [lambda: _thread.start_new_thread(work, [1, 2]), lambda: _thread.start_new_thread(work, (), 1), lambda: _thread.start_new_thread(None, ())]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(_thread.TIMEOUT_MAX > 1e9)
