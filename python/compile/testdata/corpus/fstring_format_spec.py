# The format-spec mini-language, through f-strings.
n = 1234567
x = 3.14159265
s = "py"
neg = -42
print(f"[{s:>6}] [{s:<6}] [{s:^6}] [{s:*^7}] [{s:.1}]")
print(f"[{n:,}] [{n:_}] [{n:>12,}] [{n:012}] [{n:+}] [{neg:+}] [{n: }]")
print(f"[{255:x}] [{255:X}] [{255:#x}] [{255:o}] [{255:#o}] [{5:b}] [{5:#010b}] [{65:c}]")
print(f"[{x:.2f}] [{x:10.3f}] [{x:<10.1f}] [{x:+.0f}] [{x:e}] [{x:.2E}] [{x:g}] [{x:.3g}]")
print(f"[{0.5:%}] [{0.125:.1%}] [{1e20:g}] [{1e-7:g}] [{123456789.0:.3g}]")
print(f"[{neg:=8}] [{neg:08}] [{-3.5:010.2f}] [{n:_x}] [{2**40:,d}]")
print(f"[{True}] [{True:d}] [{None!s:>6}] [{'':^4}]")
print(f"[{1.0}] [{1e16}] [{1.5e-5}] [{float('inf'):8}] [{float('nan')}] [{-0.0}]")
print(f"[{12.0:n}] [{7:n}] [{3.0:.0e}] [{2.5:.0f}] [{3.5:.0f}]")
print(f"[{x:#.0f}] [{10:#g}] [{0.0001234:.2}] [{1234.5:.2}]")
try:
    f"{s:d}"
except ValueError as e:
    print(e)
try:
    f"{n:.2s}"
except ValueError as e:
    print(e)
try:
    f"{x:,x}"
except ValueError as e:
    print(e)
