with open(f) as g:
read(g)
