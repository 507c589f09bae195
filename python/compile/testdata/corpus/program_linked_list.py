# A singly linked list with iteration, indexing, len, repr and reversal.
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self, values=()):
        self.head = None
        self.size = 0
        for v in reversed(list(values)):
            self.push_front(v)

    def push_front(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def __iter__(self):
        node = self.head
        while node is not None:
            yield node.value
            node = node.next

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        if index < 0:
            index += self.size
        for i, value in enumerate(self):
            if i == index:
                return value
        raise IndexError("LinkedList index out of range")

    def __contains__(self, value):
        return any(v == value for v in self)

    def reverse(self):
        prev, node = None, self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev

    def __repr__(self):
        return "LinkedList([" + ", ".join(repr(v) for v in self) + "])"


ll = LinkedList([1, 2, 3])
ll.push_front(0)
print(ll, len(ll), ll[0], ll[-1], 2 in ll, 9 in ll)
ll.reverse()
print(ll, list(ll), sum(ll), max(ll))
try:
    ll[10]
except IndexError as e:
    print(e)
print(LinkedList(), len(LinkedList("ab")), LinkedList("ab"))
