# An uncaught AttributeError suggests the closest attribute of the object:
# its own, its class's and the built-in type's.
class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.apend(x)


s = Stack()
try:
    s.pushh(1)
except AttributeError as e:
    print("caught:", e)  # str(e) has no suggestion: only the traceback does
print(s.itms)
