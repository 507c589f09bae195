# f-string conversions: !s, !r and !a.
name = "Zoë"
items = ["a", 1, None]
print(f"{name} {name!s} {name!r} {name!a}")
print(f"{items} {items!r} {items!a}")
q = "quote's"
print(f"{'tab	here'!r} {q!r} {3.0!r} {True!s}")


class Thing:
    def __str__(self):
        return "str of Thing"

    def __repr__(self):
        return "Thing()"


t = Thing()
print(f"{t} | {t!s} | {t!r} | {t!a}")
print(f"{t!r:>12}|{t!s:<14}|")
nl = "\n"
print(f"{'€'!a} {chr(0x1F600)!a} {nl!a} {nl!r}")
