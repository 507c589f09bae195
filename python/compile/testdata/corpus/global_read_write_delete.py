counter = 0
def bump(n):
    global counter
    counter = counter + n
    return counter
def read():
    return counter
bump(2)
bump(3)
print(counter, read())
def make():
    global created
    created = "yes"
make()
print(created)
def remove():
    global created
    del created
remove()
try:
    print(created)
except NameError as e:
    print(e)
try:
    del created
except NameError as e:
    print(e)
