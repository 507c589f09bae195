# Bases whose orders contradict each other have no consistent MRO.
class A:
    pass


class B(A):
    pass


print("defining a class with bases (A, B)")


class C(A, B):
    pass
