# threading.local: each thread sees its own attributes; a subclass's
# __init__ runs again in every thread that touches the object.
import threading

data = threading.local()
data.name = "main"
seen = []
seen_lock = threading.Lock()


def work(i):
    before = hasattr(data, "name")
    data.name = f"worker {i}"
    with seen_lock:
        seen.append((i, before, data.name))


threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen))
print(data.name)


class Counter(threading.local):
    def __init__(self, start):
        self.count = start

    def bump(self):
        self.count += 1
        return self.count


c = Counter(10)
c.bump()
results = []


def bump_twice():
    c.bump()
    with seen_lock:
        results.append(c.bump())


threads = [threading.Thread(target=bump_twice) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results, c.count, c.__dict__)
try:
    del data.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    threading.local(1, 2)
except TypeError as e:
    print("TypeError:", e)
