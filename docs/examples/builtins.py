"""builtins.py -- many threads calling built-in functions on shared data.

Eight threads each sort, measure and render the same shared list 50 times
and record a summary; every summary must be the same, since the built-ins
only read the list (each read is an atomic snapshot). The list itself is
never modified.
"""
import thread

data = [5, 3, 9, 1, 7]
summaries = []


def look():
    for i in range(50):
        s = str(sorted(data)) + " " + str(len(data)) + " " + repr(max(data))
    summaries.append(s)


handles = []
for _ in range(8):
    handles.append(thread.start(look))
for h in handles:
    thread.join(h)
print(len(summaries), "summaries, distinct:", len(set(summaries)), summaries[0])
