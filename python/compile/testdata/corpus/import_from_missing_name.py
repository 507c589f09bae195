try:
    from thread import nothing_here
except ImportError as e:
    # The rest of the message says where the module lives, which differs
    # between a built-in module (rwgil's) and a file (the CPython shim).
    print(type(e).__name__, str(e).split(" (")[0])
