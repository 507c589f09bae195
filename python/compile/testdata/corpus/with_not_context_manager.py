# Using an object that is not a context manager is a TypeError.
class HalfManager:
    def __enter__(self):
        return self


print("before")
try:
    with HalfManager():
        print("not reached")
except TypeError as e:
    print(e)

with 42:
    print("not reached")
