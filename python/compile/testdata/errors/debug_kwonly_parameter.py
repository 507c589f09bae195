def f(*, __debug__=1):
    pass
