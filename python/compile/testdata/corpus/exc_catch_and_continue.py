def risky(n):
    if n > 2:
        raise ValueError("too big: " + str(n))
    return 10 // (n - 1)
def safe(n):
    try:
        return risky(n)
    except ValueError as e:
        return str(e)
    except ZeroDivisionError:
        return "div"
for i in range(5):
    print(safe(i))
print("done")
