# CPython 3.12 marks the failing subscript.
config = {"server": {"host": "localhost"}}
print(config["server"]["host"])
port = config["server"]["port"]
