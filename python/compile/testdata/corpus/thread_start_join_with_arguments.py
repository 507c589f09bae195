import thread
results = []
def work(a, b, scale=1):
    results.append((a + b) * scale)
h1 = thread.start(work, 1, 2)
h2 = thread.start(work, 10, 20, 3)
thread.join(h1)
h2.join()
print(sorted(results))
