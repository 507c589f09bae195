# Indexing past the end of a list, uncaught.
letters = ["a", "b", "c"]
for i in range(4):
    print(letters[i])
