# Molden's pool (2008, "I just killed GIL!!!"): copies of the interpreter
# in one process, each with its own lock and a thread of its own; the
# parent delegates tasks to them and waits for the answers -- and while it
# waits its own lock is free, so the parent's other threads run.
#
#   rwgil run -policy gil docs/examples/interpreters/molden_pool.py
#
# Every interpreter here is under the gil policy, each with its own GIL:
# the children's loops run at the same time, and the parent's heartbeat
# thread keeps beating while the main thread waits on the results queue.
import concurrent.interpreters as interpreters
import threading

N = 4
TASKS = [(i, 20_000 + 1_000 * i) for i in range(3 * N)]

# What each child runs: its own definition of work, in its own __main__.
WORKER = """
def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total
"""


def serve(tasks, results):
    # Runs in a child (sent by its bytecode): work is the child's.
    while True:
        job = tasks.get()
        if job is None:
            return
        ident, n = job
        results.put((ident, work(n), interpreters.get_current().id))


def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


# A task queue per child, as Molden's parent hands each task to a chosen
# child; one queue for the answers.
results = interpreters.create_queue()
children = [interpreters.create(policy="gil") for _ in range(N)]
queues = [interpreters.create_queue() for _ in children]
for child in children:
    child.exec("import concurrent.interpreters as interpreters\n" + WORKER)
workers = [child.call_in_thread(serve, q, results) for child, q in zip(children, queues)]

# The parent's own second thread: it can only beat while the parent's
# GIL is free.
beats = 0
stop = threading.Event()


def heartbeat():
    global beats
    while not stop.is_set():
        beats += 1


hb = threading.Thread(target=heartbeat)
hb.start()

for k, job in enumerate(TASKS):
    queues[k % N].put(job)
answers = {}
helpers = {}
beats_before = beats
for _ in TASKS:
    ident, total, by = results.get()  # waits detached from the parent's GIL
    answers[ident] = total
    helpers[by] = helpers.get(by, 0) + 1
beats_during = beats - beats_before
for q in queues:
    q.put(None)
for w in workers:
    w.join()
stop.set()
hb.join()

ok = all(answers[i] == work(n) for i, n in TASKS)
print(f"{len(answers)} tasks done by {N} child interpreters, answers right: {ok}")
print("tasks per child:", [helpers[c.id] for c in children])
print("the parent's heartbeat ran while it waited:", beats_during > 0)
for child in children:
    child.close()
print("interpreters left:", [i.id for i in interpreters.list_all()])
