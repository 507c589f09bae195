# print's sep and end, and printing nothing.
print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", sep=" -> ", end=" <end>\n")
print("no newline", end="")
print(" ...continued")
print(1, 2.5, None, True, [1], sep=", ")
print(*range(5), sep="")
print("x", sep=None, end=None)
print("", end="")
print("multi\nline")
for i in range(3):
    print(i, end=" " if i < 2 else "\n")
try:
    print("x", sep=5)
except TypeError as e:
    print(e)
