# Tuples, lists, sets and dicts, with starred and double-starred items.
a = ()
b = (1,)
c = (1, 2)
d = 1, 2
e = 1,
f = []
g = [1]
h = [1, 2,]
i = [*a, *b]
j = {1}
k = {1, 2, *c}
l = {}
m = {1: 2}
n = {1: 2, 3: 4,}
o = {**a, 'k': 1, **b}
p = {*a}
q = (*a, *b)
r = [[1, 2], [3, [4]]]
s = {'a': {'b': {'c': 1}}}
t = (((1)))
u = ((1, 2),)
v = [
    1,
    2,
]
w = {
    "key": "value",
    "other": [1, 2, 3],
}
