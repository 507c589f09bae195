# A three-stage pipeline through bounded queues: producers block while a
# queue is full, consumers while it is empty; a LifoQueue and a
# PriorityQueue between threads; get with a timeout on an idle queue.
import queue
import threading

stage1 = queue.Queue(maxsize=1)
stage2 = queue.PriorityQueue(maxsize=3)
done = []


def source():
    for word in ["pear", "fig", "apple", "kiwi", "banana", "date"]:
        stage1.put(word)
    stage1.put(None)


def measure():
    while True:
        word = stage1.get()
        if word is None:
            stage2.put((10**9, None))
            return
        stage2.put((len(word), word))


def sink():
    while True:
        size, word = stage2.get()
        if word is None:
            return
        done.append((size, word))


threads = [threading.Thread(target=f) for f in (source, measure, sink)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(done))
print(len(done), stage1.empty(), stage2.empty())

stack = queue.LifoQueue(maxsize=2)
order = []


def pusher():
    for i in range(6):
        stack.put(i)


t = threading.Thread(target=pusher)
t.start()
while len(order) < 6:
    order.append(stack.get())
t.join()
print(sorted(order))

idle = queue.Queue()
try:
    idle.get(timeout=0.05)
except queue.Empty:
    print("nothing came within the timeout")
