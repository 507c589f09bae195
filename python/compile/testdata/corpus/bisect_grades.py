# bisect: grading by breakpoints, keeping a list sorted, lo/hi and key.
import bisect


def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100, 60, 59]])

a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 2, 4, 8, 9]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left(a, 9, 0, 4))

s = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(s, x)
print(s)
bisect.insort_left(s, 5)
bisect.insort_right(s, 0)
print(s)

people = [("ann", 31), ("bob", 25), ("cy", 40), ("di", 25)]
people.sort(key=lambda p: p[1])
print(bisect.bisect_left(people, 25, key=lambda p: p[1]), bisect.bisect_right(people, 25, key=lambda p: p[1]))
bisect.insort(people, ("ed", 30), key=lambda p: p[1])
bisect.insort_left(people, ("fay", 25), key=lambda p: p[1])
print(people)

try:
    bisect.bisect([1, 2], 1, -1)
except ValueError as e:
    print("ValueError:", e)
try:
    bisect.bisect_left([1, "a"], 2)
except TypeError as e:
    print("TypeError:", e)
