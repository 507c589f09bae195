# chr, ord, hex, bin and oct.
print(ord("A"), ord("a"), ord("€"), ord("\n"), chr(65), chr(8364), chr(0x1F40D))
print([chr(c) for c in range(ord("a"), ord("f"))])
print(hex(255), hex(-255), hex(0), bin(10), bin(-10), oct(8), oct(-8))
print(int(hex(1000), 16), int(bin(5), 2), int(oct(64), 8), int("ff", 16), int("0o17", 0))
print(hex(2 ** 64), bin(2 ** 10), "".join(chr(ord(c) + 1) for c in "HAL"))
try:
    ord("ab")
except TypeError as e:
    print(e)
try:
    chr(-1)
except ValueError as e:
    print(e)
try:
    chr(0x110000)
except ValueError as e:
    print(e)
try:
    hex(1.5)
except TypeError as e:
    print(e)
