def lookup(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise ValueError("no " + k) from e
lookup({}, "a")
