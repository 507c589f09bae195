# Converting between str and bytes: encode, decode, and their errors.
text = "naïve café ☕"
data = text.encode("utf-8")
print(data, len(text), len(data))
print(data.decode("utf-8") == text, data.decode())
print("abc".encode("ascii"), "abc".encode(), "é".encode("latin-1"))
print(b"caf\xc3\xa9".decode("utf-8"), b"caf\xe9".decode("latin-1"))
print("é".encode("ascii", "replace"), b"\xff".decode("utf-8", "replace"))
print("é".encode("ascii", "ignore"), b"a\xffb".decode("utf-8", "ignore"))
try:
    "café".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, "|", e)
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, "|", e)
try:
    b"caf\xc3".decode("utf-8")
except UnicodeError as e:
    print(type(e).__name__, "|", e)
print(str(b"abc"), str(b"abc", "ascii"), isinstance(UnicodeDecodeError("utf-8", b"", 0, 1, "x"), ValueError))
