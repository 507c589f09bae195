# rf-strings, and f-strings mixing with escapes.
path = "tmp"
print(rf"C:\{path}\new")
print(fr"\t{path}\n")
print(f"tab:\t{path}|newline escaped: \\n|")
print(f"\x41{path}\u00e9")
print(f"{path!r}\\")
print(F"capital F {path}", Rf"{path}\d+")
