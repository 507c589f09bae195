# Three threads: two writers of different globals and a reader of both.
# What the reader prints depends on where it falls between the writes:
# every outcome reached without the reduction must be reached with it.
import thread

x = 0
y = 0
seen = ""


def wx():
    global x
    x = 1


def wy():
    global y
    y = 2


def reader():
    global seen
    seen = str(x) + str(y)


a = thread.start(wx)
b = thread.start(wy)
c = thread.start(reader)
thread.join(a)
thread.join(b)
thread.join(c)
print(seen)
