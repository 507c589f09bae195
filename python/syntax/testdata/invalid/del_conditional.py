del a if b else c
