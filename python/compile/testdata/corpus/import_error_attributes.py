# ImportError and ModuleNotFoundError carry msg, name (the module's),
# name_from (from-imports) and path.
try:
    import nosuchmod
except ModuleNotFoundError as e:
    print(e, "|", e.msg, "|", e.name, e.path)
try:
    import nopkg.sub
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    import gc.sub
except ModuleNotFoundError as e:
    print(e, "|", e.name)
try:
    from gc import nosuch
except ImportError as e:
    print(type(e).__name__, "|", e.msg, "|", e.name, e.name_from, e.path)
e = ImportError("custom", name="m", path="/p")
print(e, e.msg, e.name, e.path, e.name_from)
