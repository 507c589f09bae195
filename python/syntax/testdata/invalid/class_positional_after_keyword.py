class A(B, C=1, D): pass
