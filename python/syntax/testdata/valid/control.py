# if/elif/else, while and for with else, break, continue, pass.
if x:
    a = 1
if x:
    a = 1
else:
    a = 2
if x:
    pass
elif y:
    pass
elif z:
    pass
else:
    pass
while True:
    if done:
        break
    continue
while x:
    x -= 1
else:
    print("no break")
for i in range(10):
    if i % 2:
        continue
    print(i)
else:
    pass
for a, b in pairs:
    pass
for (a, b), c in triples:
    pass
for x, in items:
    pass
for *a, b in items:
    pass
for x in 1, 2, 3:
    pass
for x in *a, *b:
    pass
if x: pass
while x: x -= 1
for i in r: print(i); print(i)
if a:
    if b:
        if c:
            pass
