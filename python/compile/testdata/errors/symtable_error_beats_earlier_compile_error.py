def f():
    break

def g(a):
    global a
