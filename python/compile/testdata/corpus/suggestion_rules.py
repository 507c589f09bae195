# When CPython 3.12 suggests nothing: too different, a subclass of
# AttributeError, an exception caught and printed (str() never suggests).
class Config:
    def __init__(self):
        self.timeout = 3


class Missing(AttributeError):
    pass


c = Config()
for attempt in ["timout", "xyz", "TIMEOUT", "time_out"]:
    try:
        getattr(c, attempt)
    except AttributeError as e:
        print(type(e).__name__, e, e.name, e.obj is c)
try:
    raise Missing("no such thing", name="timout", obj=c)
except AttributeError as e:
    print(type(e).__name__, e, e.name)
try:
    undefined_namee
except NameError as e:
    print(type(e).__name__, e, e.name)
try:
    from gc import colect
except ImportError as e:
    print(type(e).__name__, e, e.name, e.name_from)
