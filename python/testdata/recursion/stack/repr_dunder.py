# Each level is repr() calling a __repr__ that calls repr().
class R:
    def __repr__(self):
        return repr(R())

try:
    repr(R())
except RecursionError as e:
    print("repr_dunder:", e)
