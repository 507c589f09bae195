# A tiny event scheduler on heapq: the heap's layout after each operation
# is printed, so any difference from CPython's sift order shows.
import heapq

events = [(5, "write"), (1, "boot"), (3, "read"), (9, "halt"), (2, "load"), (3, "parse"), (7, "flush")]
heap = []
for ev in events:
    heapq.heappush(heap, ev)
    print("push", ev, heap)

data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0, 11, 10]
heapq.heapify(data)
print("heapify", data)
print("pop", heapq.heappop(data), data)
print("replace", heapq.heapreplace(data, 12), data)
print("pushpop small", heapq.heappushpop(data, -1), data)
print("pushpop big", heapq.heappushpop(data, 13), data)

order = []
while heap:
    order.append(heapq.heappop(heap)[1])
print(" -> ".join(order))

words = "the quick brown fox jumps over the lazy dog again and again".split()
print(heapq.nsmallest(3, words), heapq.nlargest(3, words))
print(heapq.nsmallest(4, words, key=len), heapq.nlargest(4, words, key=len))
print(heapq.nsmallest(0, words), heapq.nlargest(-1, words), heapq.nsmallest(50, [3, 1, 2]))

print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 3, 6, 9])))
print(list(heapq.merge(["a", "ccc"], ["bb", "dddd"], key=len)))
print(list(heapq.merge([9, 5, 1], [8, 2], reverse=True)))
print(list(heapq.merge()), list(heapq.merge([], [1], [])))
# Equal keys come out in the order of the inputs.
print(list(heapq.merge([(1, "a"), (2, "a")], [(1, "b"), (2, "b")], key=lambda p: p[0])))


class Task:
    def __init__(self, prio, name):
        self.prio, self.name = prio, name

    def __lt__(self, other):
        return self.prio < other.prio

    def __repr__(self):
        return f"Task({self.prio}, {self.name!r})"


tasks = [Task(p, n) for p, n in [(3, "c"), (1, "a"), (2, "b"), (1, "a2")]]
heapq.heapify(tasks)
print(tasks)
print([heapq.heappop(tasks).name for _ in range(4)])

for bad in ([], ):
    try:
        heapq.heappop(bad)
    except IndexError as e:
        print("IndexError:", e)
try:
    heapq.heappush((), 1)
except TypeError as e:
    print("TypeError:", e)
try:
    heapq.heappush([1], "x")
except TypeError as e:
    print("TypeError:", e)
