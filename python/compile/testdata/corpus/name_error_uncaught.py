# Using a name that was never assigned, uncaught.
width = 3
print(width * 2)
print(width * height)
