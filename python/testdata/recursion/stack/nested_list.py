# Go recursion without Python frames: repr and == of deeply nested lists.
a = []
for i in range(100000):
    a = [a]
try:
    repr(a)
except RecursionError as e:
    print("nested_list repr:", e)
b = []
for i in range(100000):
    b = [b]
try:
    a == b
except RecursionError as e:
    print("nested_list ==:", e)
