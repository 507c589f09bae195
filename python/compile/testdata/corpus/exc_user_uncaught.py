class MyError(Exception):
    pass
def f():
    raise MyError("boom")
f()
