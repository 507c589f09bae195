# The FAQ's examples (docs/python.md): which statements have a safe point
# inside them. Only CALL, CALL_METHOD, CALL_EX and JUMP_BACKWARD are.
counter = 0
L = []
D = {}


def one():
    return 1


def work(x):
    global counter
    L.append(x)          # a call: a safe point before the append, which runs whole
    counter += 1         # no safe point: atomic under the GIL (G3)
    counter += one()     # a call between the load and the store
    D[x] = D[x] + 1      # no safe point, but two subscripts
