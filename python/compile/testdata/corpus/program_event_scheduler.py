# A tiny discrete-event simulation: callbacks scheduled at virtual times.
class Scheduler:
    def __init__(self):
        self.now = 0
        self.queue = []
        self.seq = 0

    def at(self, time, action, *args):
        self.queue.append((time, self.seq, action, args))
        self.seq += 1

    def after(self, delay, action, *args):
        self.at(self.now + delay, action, *args)

    def run(self):
        while self.queue:
            self.queue.sort(key=lambda e: (e[0], e[1]))
            time, _, action, args = self.queue.pop(0)
            self.now = time
            action(*args)


sched = Scheduler()
log = []


def say(msg):
    log.append((sched.now, msg))
    print(f"t={sched.now:>3}: {msg}")


def ping(n):
    say("ping %d" % n)
    if n < 3:
        sched.after(10, ping, n + 1)


def make_alarm(label):
    def alarm():
        say("alarm " + label)
    return alarm


sched.at(5, ping, 1)
sched.at(15, make_alarm("A"))
sched.at(15, make_alarm("B"))
sched.after(0, say, "start")
sched.run()
print(len(log), log[-1])
