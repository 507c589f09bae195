# Adding a str and an int, uncaught.
count = 3
print("count: " + str(count))
print("count: " + count)
