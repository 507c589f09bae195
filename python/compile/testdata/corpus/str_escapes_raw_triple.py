# String literal forms: escapes, raw strings, triple quotes, implicit concatenation.
print("tab:\t|", "newline:\\n", "quote:\"", 'apostrophe:\'', "backslash:\\")
print("\x41\x42", "\u00e9", "\U0001F600" == chr(0x1F600), "\101\102", "\0" == chr(0))
print(r"raw \n stays", R"C:\new\table", r"\\", len(r"\n"), len("\n"))
print("""triple "double" quoted
spans lines""")
print('''triple 'single' quoted''')
text = """\
no leading newline
  indented line
"""
print(repr(text))
joined = "implicit " "concatenation " 'of ' """literals"""
print(joined)
long = ("one piece "
        "across lines")
print(long, len("é"), len("\u00e9"))
print("bell\a".endswith("\x07"), "\b\f\v" == "\x08\x0c\x0b")
