# dict.keys(), values() and items() are views of the dict.
d = {"a": 1, "b": 2}
keys = d.keys()
print(d.keys(), d.values(), d.items())
d["c"] = 3
print(keys, len(keys), "c" in keys)
print(sorted(d.keys() & {"a", "z"}), list(d.items())[0])
