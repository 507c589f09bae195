# A bare raise in a handler re-raises with the original traceback.
def load(name):
    raise FileNotFoundError("no such file: " + name)


def load_all(names):
    for name in names:
        try:
            load(name)
        except FileNotFoundError:
            print("could not load", name)
            raise


load_all(["a.cfg", "b.cfg"])
