# TestQueuesFreed runs this program a step at a time (each step ends at a
# "#== live:" line naming the queue ids that must be alive after it), in
# one __main__, and checks the process's queues after each.
import concurrent.interpreters as I
child = I.create()
q = I.create_queue()
inner = I.create_queue()
q.put(inner)
del inner
#== live: 1 2
# queue 2 lives on as q's item alone; the child gets both
child.prepare_main(q=q)
child.exec("r = q.get()")
del q
#== live: 1 2
# the child's __main__ holds queue 1 (prepare_main) and queue 2 (r)
child.exec("del q")
#== live: 2
child.exec("del r")
#== live:
# a queue made in the child and returned by call: its only object there
# dies with the call's frame, and the copy on its way keeps it alive
def make():
    import concurrent.interpreters as I
    q = I.create_queue()
    q.put(7)
    return q
got = child.call(make)
assert got.get() == 7
#== live: 3
del got
#== live:
# a queue holding a queue holding a queue, freed in a cascade
a, b, c = I.create_queue(), I.create_queue(), I.create_queue()
b.put(c)
a.put(b)
del b, c
#== live: 4 5 6
del a
#== live:
# a closed child's objects are released with it
q = I.create_queue()
child.prepare_main(q=q)
del q
#== live: 7
child.close()
#== live:
