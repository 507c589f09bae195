# Augmented assignment to subscripts and attributes evaluates the target once.
def key(k):
    print("  key", k)
    return k


counts = {"a": 0}
counts[key("a")] += 1
counts[key("a")] += 10
print(counts)
grid = [[0, 0], [0, 0]]
grid[1][0] += 5
grid[0][1] -= 2
print(grid)


class Node:
    def __init__(self):
        self.hits = 0


def node():
    print("  node()")
    return the_node


the_node = Node()
node().hits += 1
node().hits *= 7
print(the_node.hits)
values = [1, 2, 3, 4]
values[key(1):key(3)] += ["x"]
print(values)
word_counts = {}
for w in "the cat the hat the end".split():
    word_counts[w] = word_counts.get(w, 0) + 1
print(word_counts)
try:
    counts["missing"] += 1
except KeyError as e:
    print("KeyError", e)
