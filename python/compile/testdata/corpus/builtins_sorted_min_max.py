# sorted, min and max with key, reverse and default.
people = [("ann", 31), ("bob", 25), ("cy", 31), ("dee", 19)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(min(people, key=lambda p: p[1]), max(people, key=lambda p: p[1]))
print(min(3, 1, 2), max("apple", "pie", key=len), max([], default="empty"), min([5], default=0))
print(sorted("Mississippi"), sorted({3: "c", 1: "a"}), sorted([3.5, 1, 2.25]))
print(sorted([[2, 1], [1, 2], [1]]), max([1, 5, 5, 2]), min("bca"))
words = ["b", "A", "c", "B", "a"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=str.lower, reverse=True))
nums = [5, 2, 8]
nums.sort(reverse=True)
print(nums, sorted(nums) is nums)
try:
    min([])
except ValueError as e:
    print(e)
try:
    max()
except TypeError as e:
    print(e)
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
try:
    sorted([3, 1], key=lambda x: x, cmp=None)
except TypeError as e:
    print(e)
