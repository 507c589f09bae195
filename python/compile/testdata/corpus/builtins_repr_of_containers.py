# repr of nested containers and of strings with quotes and escapes.
print(repr("plain"), repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("tab\there"), repr("new\nline"), repr("back\\slash"), repr("\x00\x7f"))
print(repr("é ☕"), repr("\u200b"), ascii("é ☕"), repr(""))
print([1, "a", None, True, 2.5, [], {}, ()], (1,), (), [(1, 2)], [[[]]])
print({"k": [1, {"n": (2, "s")}]}, {1: "a", 2.5: None, (1, 2): True, None: 0})
nested = [1]
nested.append(nested)
print(nested)
d = {}
d["self"] = d
print(d)
print(str("quoted?"), str(["quoted inside"]), f"{['x']}")
