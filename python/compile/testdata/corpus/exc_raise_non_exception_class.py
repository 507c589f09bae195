class NotExc:
    pass
for x in [NotExc, NotExc(), "text", int]:
    try:
        raise x
    except TypeError as e:
        print(e)
