import thread

before = 0
after = 0


def bump_before():
    global before
    before += 1


def bump_after():
    global after
    after += 1


hs = [thread.start(bump_before), thread.start(bump_before)]
for h in hs:
    thread.join(h)
import legacy_counter
hs = [thread.start(bump_after), thread.start(bump_after)]
for h in hs:
    thread.join(h)
print("G9", before, after)
