# with A() as a, B() as b: enters left to right, exits right to left.
class Tracked:
    def __init__(self, name, log):
        self.name = name
        self.log = log

    def __enter__(self):
        self.log.append("enter " + self.name)
        return self

    def __exit__(self, *exc):
        self.log.append("exit " + self.name)


log = []
with Tracked("a", log) as a, Tracked("b", log) as b, Tracked("c", log):
    log.append("body with " + a.name + b.name)
print(log)


class Refuses:
    def __enter__(self):
        raise ValueError("cannot enter")

    def __exit__(self, *exc):
        print("never called")


log = []
try:
    with Tracked("outer", log), Refuses(), Tracked("never", log):
        log.append("body")
except ValueError as e:
    log.append("caught " + str(e))
print(log)

log = []
with (Tracked("p1", log) as p1,
      Tracked("p2", log) as p2):
    log.append("parenthesized")
print(log)
