# A formatted inventory report: alignment, totals, and percentages.
inventory = [
    ("widget", 4, 3.5),
    ("gadget", 12, 12.25),
    ("doohickey", 1, 199.99),
    ("thingamajig", 0, 7.0),
]
name_w = max(len(name) for name, _, _ in inventory)
header = f"{'item':<{name_w}} | {'qty':>4} | {'price':>8} | {'value':>9}"
print(header)
print("-" * len(header))
total = 0
for name, qty, price in inventory:
    value = qty * price
    total += value
    flag = " (out of stock)" if qty == 0 else ""
    print(f"{name:<{name_w}} | {qty:>4d} | {price:>8.2f} | {value:>9,.2f}{flag}")
print("-" * len(header))
print(f"{'total':<{name_w}} | {sum(q for _, q, _ in inventory):>4} | {'':>8} | {total:>9,.2f}")
for name, qty, price in inventory:
    share = qty * price / total
    print("%-12s %6.1f%% %s" % (name, share * 100, "*" * round(share * 40)))
print("{:^{w}}".format("end of report", w=len(header)))
