# chr() converts to a C int first (OverflowError), then checks the range
# of code points (ValueError).
for v in [65, 0x10FFFF, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**63, 2**70, -1, 0x110000, 10000000000]:
    try:
        print(v, ascii(chr(v)))
    except (OverflowError, ValueError) as e:
        print(v, type(e).__name__, e)
try:
    chr(1.5)
except TypeError as e:
    print(e)
