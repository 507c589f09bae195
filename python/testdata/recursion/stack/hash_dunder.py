# Each level is a dict lookup hashing a key whose __hash__ looks one up.
class K:
    def __hash__(self):
        return hash({K(): 1})

try:
    hash(K())
except RecursionError as e:
    print("hash_dunder:", e)
