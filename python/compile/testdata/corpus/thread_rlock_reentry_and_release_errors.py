import thread
r = thread.RLock()
print(r.acquire(), r.acquire())
seen = []
def other():
    seen.append(r.acquire(False))
    try:
        r.release()
    except RuntimeError as e:
        seen.append(str(e))
h = thread.start(other)
thread.join(h)
r.release()
r.release()
h = thread.start(other)
thread.join(h)
print(seen)
try:
    r.release()
except RuntimeError as e:
    print(e)
