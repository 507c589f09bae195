def parse(s):
    try:
        return {"a": 1}[s]
    except KeyError as e:
        raise ValueError("bad key " + repr(s)) from e

def total(keys):
    return sum(parse(k)
               for k in keys)

print(total(
    ["a", "b"]))
