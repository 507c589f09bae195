# except* (PEP 654).
try:
    raise ExceptionGroup("g", [ValueError(1)])
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass
else:
    pass
finally:
    pass
