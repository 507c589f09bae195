# Python 3.12 f-strings (PEP 701): reused quotes, backslashes and comments inside fields.
songs = {"title": "Take Five", "artists": ["Brubeck", "Desmond"]}
print(f"{songs["title"]} by {", ".join(songs["artists"])}")
print(f"{'\n'.join(['line one', 'line two'])}")
print(f"{"nested " + f"{"deep"}"}")
total = f"{
    sum([1, 2, 3])  # comments are allowed in a multi-line field
}"
print(total)
print(f"{f"{f"{1 + 1}"}"}")
