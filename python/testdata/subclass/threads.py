# Four threads share instances of classes deriving from list and dict:
# appends to the list subclass (the base's append, atomic in the list's
# critical section) and a lock-guarded count in a dict subclass whose
# __missing__ supplies 0 (d[k] += 1 is not atomic, so the lock is
# needed). Nothing may be lost; "switches" counts how often consecutive
# log entries come from different threads, the evidence that the threads
# ran at the same time.
import thread


class Log(list):
    pass


class Tally(dict):
    def __missing__(self, key):
        return 0


log = Log()
tally = Tally()
guard = thread.Lock()
N = 2000


def worker(tid):
    def run():
        for i in range(N):
            log.append(tid)
            guard.acquire()
            tally[tid] += 1
            guard.release()
    return run


handles = [thread.start(worker(t)) for t in range(4)]
for h in handles:
    h.join()
switches = 0
for i in range(1, len(log)):
    if log[i] != log[i - 1]:
        switches += 1
print("appended", len(log), "of", 4 * N)
print("counted", sorted(tally.items()))
print("types", type(log).__name__, type(tally).__name__)
print("switches", switches)
