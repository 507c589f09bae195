# An attribute of None, uncaught: a function that forgot to return.
def find(items, target):
    for item in items:
        if item == target:
            print("found", item)


result = find([1, 2, 3], 2)
print(result.upper())
