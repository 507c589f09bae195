try:
    try:
        raise ValueError("v")
    except int:
        print("wrong")
except TypeError as e:
    print(e)
