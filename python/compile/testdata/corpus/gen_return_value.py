# return in a generator ends it; the value rides on StopIteration.
def job(steps):
    done = 0
    for i in range(steps):
        yield "step %d" % i
        done += 1
    return "finished %d steps" % done


g = job(2)
while True:
    try:
        print(next(g))
    except StopIteration as stop:
        print("result:", stop.value, stop.args)
        break


def early(flag):
    if flag:
        return "early exit"
    yield "normal"


for flag in [True, False]:
    try:
        print(next(early(flag)))
    except StopIteration as e:
        print("stopped:", e.value)


def no_value():
    yield 1
    return


g = no_value()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)
print(list(job(3)))
