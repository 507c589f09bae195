# Each level enters a context manager whose __enter__ enters another.
class M:
    def __enter__(self):
        with M():
            pass
    def __exit__(self, *args):
        return False

try:
    with M():
        pass
except RecursionError as e:
    print("with_enter:", e)
