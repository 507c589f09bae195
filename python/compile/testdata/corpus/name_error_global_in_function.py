def f():
    return undefined_thing
print("start")
f()
