try:
    pass
except* A as B.c:
    pass
