# bytes: literals, indexing gives ints, slicing gives bytes.
b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], type(b[0]).__name__)
print(b"a\x00b\n\t\\'\"", rb"raw\n", B"CAPS", b'single' + b"double")
print(b * 2, b"l" in b, 104 in b, b"xyz" in b, b.upper(), b.count(b"l"))
print(bytes(3), bytes([72, 105]), bytes(range(65, 70)), bytes("zoë", "utf-8"))
print(list(b"AB"), b"abc" == b"abc", b"abc" < b"abd", b"a" == "a")
print(b.startswith(b"he"), b.find(b"l"), b.replace(b"l", b"L"), b.split(b"l"))
print(b"-".join([b"a", b"b"]), b" pad ".strip(), b.hex(), bytes.fromhex("414243"))
print(repr(bytes([0, 127, 128, 255])), b"\x80"[0])
for x in b"hi":
    print(x, chr(x))
try:
    b[0] = 1
except TypeError as e:
    print(e)
try:
    b + "str"
except TypeError as e:
    print(e)
try:
    bytes([256])
except ValueError as e:
    print(e)
try:
    b[10]
except IndexError as e:
    print(e)
