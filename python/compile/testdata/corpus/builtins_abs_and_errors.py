# abs, and the TypeErrors built-ins raise for wrong argument types.
print(abs(-5), abs(3.5), abs(-0.0), abs(True), abs(-10**30))
for call in [lambda: abs("x"), lambda: len(5), lambda: sum(["a"]), lambda: min(1),
             lambda: sorted(5), lambda: iter(None), lambda: next(iter([])),
             lambda: chr("a"), lambda: ord(5), lambda: round(None),
             lambda: divmod("a", 1), lambda: list(1.5), lambda: "a" * "b",
             lambda: [] + (), lambda: {} | [], lambda: -"x", lambda: ~1.5]:
    try:
        call()
        print("no error?")
    except Exception as e:
        print(type(e).__name__ + ":", e)
