# Loops and exceptions: one JUMP_BACKWARD per iteration, cleanup inlined
# before a return, break or continue that leaves a try, with or except.
def loops(n):
    total = 0
    while n > 0:
        n -= 1
        if n % 2:
            continue
        total += n
    else:
        total = -total
    for i in range(3):
        if i == 2:
            break
    else:
        total = 0
    while True:
        return total


def handlers(path):
    try:
        f = open(path)
    except (OSError, ValueError) as e:
        return str(e)
    else:
        with f:
            for line in f:
                try:
                    return line
                finally:
                    f.close()
    finally:
        print("done")
