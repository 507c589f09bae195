for (a, *b, *c) in []:
    pass
