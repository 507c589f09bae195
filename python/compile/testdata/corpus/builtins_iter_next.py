# iter and next, on built-in types and with a default.
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "default"))
s = iter("ab")
print(type(s).__name__, list(s), list(s))
d = iter({"x": 1, "y": 2})
print(next(d), list(d))
same = iter(it)
print(same is it)
counter = iter(range(3))
print(next(counter), list(counter))
nums = [10, 20, 30]
it = iter(nums)
for n in it:
    print("got", n, "next is", next(it, None))
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
try:
    next("not an iterator")
except TypeError as e:
    print(e)
