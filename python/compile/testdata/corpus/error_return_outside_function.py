# A return statement at module level does not compile; nothing runs.
print("this line is never printed: the file does not compile")
total = 0
for n in range(3):
    total += n
return total
