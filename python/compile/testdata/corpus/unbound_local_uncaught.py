# Assigning to a name anywhere in a function makes it local everywhere in it.
counter = 0


def increment():
    counter += 1
    return counter


print("counter is", counter)
increment()
