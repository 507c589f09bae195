def outer():
    x = 1
    class C:
        def m(self):
            nonlocal x
            x = 2
        return m
