x = 1
__debug__ = 2
