out = []
for i in range(4):
    try:
        out.append(10 // (i - 2))
    except ZeroDivisionError:
        out.append("skip")
print(out)
