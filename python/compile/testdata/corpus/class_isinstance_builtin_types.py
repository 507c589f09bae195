print(isinstance(1, int), isinstance(True, int), isinstance("s", (int, str)))
print(isinstance([], (int, dict)), isinstance(None, object), isinstance(ValueError("x"), Exception))
