import concurrent.interpreters as I

RECEIVER = """
def mangle(v):
    l = [v, v]
    l.append(len(l))
    d = {0: v}
    d[1] = l
    l.clear()
    return v

def echo(v):
    return mangle(v)

def serve(q, back, n):
    for _ in range(n):
        back.put(mangle(q.get()))
"""

def echo(v):
    return mangle(v)

def serve(q, back, n):
    for _ in range(n):
        back.put(mangle(q.get()))

bad = []
def check(what, got, want):
    if type(got) is not type(want) or got != want:
        bad.append(what + ": got " + repr(got) + ", want " + repr(want))

