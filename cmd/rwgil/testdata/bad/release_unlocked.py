# exit: 1
# last: RuntimeError: release unlocked lock
# cpython: same (with _thread.allocate_lock)
import thread

thread.Lock().release()
