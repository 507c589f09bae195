# Run by several threads while another starts the program's first thread:
# each call counts references to top (LOAD_GLOBAL) and to C (a new
# instance), which the start makes immortal meanwhile.


def top(k):
    return k + 1


class C:
    def __init__(self, k):
        self.k = k


def call(k):
    return top(C(k).k)


def start():
    import thread
    thread.join(thread.start(top, 0))
