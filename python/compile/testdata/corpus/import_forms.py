import thread
import thread as t2
print(thread.__name__, t2 is thread)
from thread import Lock
print(Lock is thread.Lock)
try:
    import nope
except ImportError as e:
    print(type(e).__name__, e)
try:
    from thread import nothing_here
except ImportError as e:
    print(type(e).__name__, str(e).startswith("cannot import name 'nothing_here' from 'thread'"))
