# return, break and continue inside with still run __exit__.
class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __enter__(self):
        print("enter", self.tag)
        return self.tag

    def __exit__(self, *exc):
        print("exit", self.tag)


def get():
    with Noisy("return") as t:
        return "returned " + t
    print("not reached")


print(get())

for i in range(3):
    with Noisy(i):
        if i == 0:
            continue
        if i == 2:
            break
        print("body", i)

while True:
    with Noisy("while"):
        break


def nested():
    with Noisy("outer"):
        with Noisy("inner"):
            return "from inside two"


print(nested())
