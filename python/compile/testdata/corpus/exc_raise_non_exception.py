x = 42
raise x
