"""legacy_pairs.py -- two structures an unported extension keeps in step.

legacy_pairs holds a list, items, and a dict, index, from each item to its
position. add(x) appends x to items, yields the processor, then indexes x:
inside the call the two disagree for a moment. Two writer threads add 150
distinct ints each while two reader threads, until the writers are done
(5,000 checks each at most, to bound the time they spin), read both as
module attributes and check

    legacy_pairs.items[-1] in legacy_pairs.index

with no safe point between the two reads (LOAD_ATTR, BINARY_SUBSCR and
CONTAINS_OP only; the loop's backward jump is the only safe point) and
without any lock of their own. A read that finds the last item not yet
indexed is out of step.

  eml     each add() stops the world: readers are parked at a safe point
          and never see the moment in between; they run free otherwise
  gil     the writer holds the GIL through add()
  sticky  importing legacy_pairs turns the GIL on (stderr warns)
  free    nothing stops the readers: they catch the moment, and the
          positions add() records can disagree at the end

Expected output:
  eml, gil, sticky   out-of-step reads: 0 of C checks   (C <= 10000)
                     items: 300 in_step: True
  free               out-of-step reads: B of C checks   (often B > 0)
                     items: 300 in_step: True or False

Runs under rwgil only (legacy_pairs is a bundled extension module).
"""
import thread
import legacy_pairs

done = False
bad = []
checks = []


def writer(base, n):
    for x in range(base, base + n):
        legacy_pairs.add(x)


def reader():
    seen = 0
    wrong = 0
    while not done and seen < 5000:
        if legacy_pairs.items:  # items only grow, so items[-1] exists below
            if legacy_pairs.items[-1] not in legacy_pairs.index:  # no safe point
                wrong += 1
            seen += 1
    bad.append(wrong)
    checks.append(seen)


r1 = thread.start(reader)
r2 = thread.start(reader)
w1 = thread.start(writer, 0, 150)
w2 = thread.start(writer, 150, 150)
thread.join(w1)
thread.join(w2)
done = True
thread.join(r1)
thread.join(r2)
print("out-of-step reads:", sum(bad), "of", sum(checks), "checks")
print("items:", len(legacy_pairs.items), "in_step:", legacy_pairs.in_step())
