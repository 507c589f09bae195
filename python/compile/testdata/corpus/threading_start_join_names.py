# threading.Thread: target, args, kwargs, default names, is_alive, ident,
# join, current_thread, and a subclass that overrides run.
import threading

results = {}
results_lock = threading.Lock()


def square(n, *, offset=0):
    me = threading.current_thread()
    with results_lock:
        results[n] = (n * n + offset, me.name)


threads = [threading.Thread(target=square, args=(i,), kwargs={"offset": 100}) for i in range(4)]
print([t.name for t in threads])
print("before start:", threads[0].is_alive(), threads[0].ident, repr(threads[0]))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("after join:", [t.is_alive() for t in threads])
print("ident is int:", all(isinstance(t.ident, int) for t in threads))
for n in sorted(results):
    print(n, results[n])


class Doubler(threading.Thread):
    def __init__(self, value):
        super().__init__(name=f"doubler-{value}")
        self.value = value
        self.result = None

    def run(self):
        self.result = self.value * 2
        self.ran_in_self = threading.current_thread() is self


workers = [Doubler(v) for v in (3, 5, 8)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([(w.name, w.result, w.ran_in_self) for w in workers])

plain = threading.Thread()
print(plain.name)
plain.start()
plain.join()
print("main:", threading.current_thread().name, threading.main_thread() is threading.current_thread())
print("count:", threading.active_count(), [t.name for t in threading.enumerate()])
print("get_ident matches:", threading.get_ident() == threading.current_thread().ident)
t = threading.Thread(target=print, args=("printed by a thread",), name="printer", daemon=False)
t.start()
t.join()
print(t.daemon, threading.current_thread().daemon)
