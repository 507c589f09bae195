# getattr, setattr, hasattr and delattr on objects and classes.
class Settings:
    mode = "fast"


s = Settings()
print(getattr(s, "mode"), getattr(s, "missing", "default"), hasattr(s, "mode"))
setattr(s, "level", 3)
print(s.level, getattr(s, "level"), vars(s))
for name in ["alpha", "beta"]:
    setattr(s, name, name.upper())
print(s.alpha, s.beta, sorted(vars(s)))
delattr(s, "alpha")
print(hasattr(s, "alpha"), hasattr(s, "beta"))
setattr(Settings, "shared", True)
print(Settings.shared, s.shared, getattr(Settings, "mode"))
print(getattr([1, 2], "count")(2), getattr("text", "upper")())
try:
    getattr(s, "nothing")
except AttributeError as e:
    print(e)
try:
    delattr(s, "alpha")
except AttributeError as e:
    print(e)
try:
    setattr(5, "x", 1)
except AttributeError as e:
    print(e)
try:
    getattr(s, 5)
except TypeError as e:
    print(e)
