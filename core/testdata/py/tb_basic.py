def add(a, b):
    return a + b * 2

def middle(x):
    result = add(x, "s")
    return result

print("start")
middle(1)
