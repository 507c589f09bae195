def f(x):
    try:
        print("body", 10 // x)
    finally:
        print("finally")
f(5)
try:
    f(0)
except ZeroDivisionError:
    print("caught")
