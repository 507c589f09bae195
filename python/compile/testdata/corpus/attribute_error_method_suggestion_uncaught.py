# The suggestion for a missing method of a built-in type.
words = ["b", "a"]
words.sort()
print(words)
words.apend("c")
