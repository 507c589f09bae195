try:
    raise ValueError("bad")
except ValueError as e:
    print("caught", e)
print("after")
