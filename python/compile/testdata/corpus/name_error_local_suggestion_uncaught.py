# The suggestion for a NameError comes first from the function's own
# local variables, then the module's globals, then the builtins.
counters = {}


def tally(words):
    counter = 0
    for w in words:
        counter += len(w)
    return countr


print(tally(["a", "bb"]))
