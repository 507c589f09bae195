# A threaded program of the kind rwgil runs: a shared counter.
import thread

counter = 0
N = 1000


def work(n):
    global counter
    for _ in range(n):
        counter += 1


threads = [thread.start(work, N) for _ in range(4)]
for t in threads:
    t.join()
print(counter)
