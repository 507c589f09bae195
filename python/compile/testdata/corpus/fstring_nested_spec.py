# Replacement fields inside a format spec are themselves formatted first.
width, precision = 10, 3
value = 2 / 3
print(f"[{value:{width}.{precision}f}]")
print(f"[{value:>{width + 2}.{precision - 1}}]")
for align in "<^>":
    print(f"[{'x':{align}{width}}]")
fill = "."
print(f"[{'mid':{fill}^{width}}]")
spec = "08.2f"
print(f"[{value:{spec}}]")
rows = [("apple", 1.5, 10), ("kiwi", 0.25, 300)]
w = max(len(r[0]) for r in rows)
for name, price, qty in rows:
    print(f"{name:<{w}} | {price:>{6}.2f} | {qty:>{len(str(300))}d}")
print(f"{'nested':{'>' if width > 5 else '<'}{width}}")
print(f"{f'{value:.2f}':>8}")
