# Sitbon's problem (2009): C code holding one interpreter's GIL calls
# PyGILState_Ensure for another interpreter. sitbon.ensure_exec is that C
# code. Run it with each mode:
#   rwgil run -policy gil -ensure-across error     docs/examples/interpreters/sitbon.py
#   rwgil run -policy gil -ensure-across recursive docs/examples/interpreters/sitbon.py
#   rwgil run -policy gil -ensure-across deadlock -watchdog 1s docs/examples/interpreters/sitbon.py
# With a lock of its own the other interpreter is simply entered; on the
# shared lock, error refuses, recursive counts the hold and runs the code,
# and deadlock waits for ever for the lock the thread holds (the watchdog
# says so; under -schedule the scheduler reports the deadlock).
import concurrent.interpreters as I
import sitbon

own = I.create(policy="gil")
shared = I.create(share_lock_with=I.get_current())
sitbon.ensure_exec(own.id, """
import concurrent.interpreters as I
print("own lock: ran in interpreter", I.get_current().id)
""")
try:
    sitbon.ensure_exec(shared.id, """
import concurrent.interpreters as I
print("shared lock: ran in interpreter", I.get_current().id)
""")
except RuntimeError as e:
    print("shared lock: refused:", e)
own.close()
shared.close()
print("done")
