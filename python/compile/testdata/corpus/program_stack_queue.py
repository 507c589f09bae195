# A stack and a queue as classes with dunder methods; balanced brackets.
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self):
        return self._items[-1] if self._items else None

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __repr__(self):
        return "Stack(%r)" % self._items


class Queue:
    def __init__(self, items=()):
        self._in = list(items)
        self._out = []

    def put(self, item):
        self._in.append(item)

    def get(self):
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())
        return self._out.pop()

    def __len__(self):
        return len(self._in) + len(self._out)

    def __iter__(self):
        while self:
            yield self.get()


def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = Stack()
    for ch in text:
        if ch in "([{":
            stack.push(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack


s = Stack()
for x in "abc":
    s.push(x)
print(s, len(s), s.peek(), s.pop(), s)
q = Queue([1, 2])
q.put(3)
print(q.get(), len(q), list(q), len(q))
for text in ["(a[b]{c})", "(]", "((", "", "{[()()]}"]:
    print(repr(text), balanced(text))
try:
    Stack().pop()
except IndexError as e:
    print(e)
