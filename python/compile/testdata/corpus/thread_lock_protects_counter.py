import thread
lock = thread.Lock()
total = 0
def work(n):
    global total
    for i in range(n):
        lock.acquire()
        total += 1
        lock.release()
hs = []
for i in range(4):
    hs.append(thread.start(work, 300))
for h in hs:
    thread.join(h)
print(total)
