class A:
    pass
class B:
    pass
try:
    class C(A, B):
        pass
    print("ok")
except TypeError as e:
    print(e)
