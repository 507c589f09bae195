try:
    d = {}
    d["k"]
except (TypeError, KeyError) as e:
    print("caught", repr(e))
