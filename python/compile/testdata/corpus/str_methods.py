# The str methods a newcomer reaches for.
s = "  Hello, World!  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
t = s.strip()
print(t.lower(), t.upper(), t.title(), t.swapcase(), "hello world".capitalize())
print(t.split(), t.split(","), "a,b,,c".split(","), "a b  c".split(" "), "1-2-3".split("-", 1))
print("line1\nline2\r\nline3".splitlines(), "a,b,c".rsplit(",", 1), "k=v=w".partition("="))
print("-".join(["a", "b", "c"]), "".join(reversed("abc")), ", ".join(str(n) for n in range(3)))
print(t.replace("l", "L"), t.replace("l", "L", 1), t.find("o"), t.rfind("o"), t.find("z"))
print(t.index("W"), t.count("l"), t.startswith("Hell"), t.endswith(("!", "?")), "ab" in t)
print("42".isdigit(), "abc".isalpha(), "a1".isalnum(), "   ".isspace(), "Hi".isupper(), "hi".islower())
print("7".zfill(3), "-7".zfill(4), "ab".center(6, "*"), "ab".ljust(4, "."), "ab".rjust(4))
print("tab\tsep".expandtabs(4), "Mississippi".removeprefix("Miss"), "file.py".removesuffix(".py"))
print("a" * 3, "ab" + "cd", "abc"[1], "abc"[-1], min("hello"), sorted("hello"))
try:
    t.index("z")
except ValueError as e:
    print(e)
try:
    "abc"[5]
except IndexError as e:
    print(e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print(e)
try:
    "a".join([1, 2])
except TypeError as e:
    print(e)
