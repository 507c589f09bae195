# The dict methods, and insertion order.
stock = {"apple": 3, "pear": 0}
stock["fig"] = 7
print(stock, len(stock), "pear" in stock, 0 in stock)
print(stock.get("apple"), stock.get("kiwi"), stock.get("kiwi", "none"))
print(stock.setdefault("apple", 100), stock.setdefault("kiwi", 1), stock)
print(stock.pop("pear"), stock.pop("missing", "default"), stock)
stock.update({"apple": 10, "plum": 2}, lime=4)
print(stock)
print(list(stock.keys()), list(stock.values()), list(stock.items()))
for name, count in stock.items():
    print(name, count)
print(stock.popitem(), stock)
del stock["apple"]
stock["apple"] = 1
print(list(stock))
copy = stock.copy()
copy.clear()
print(copy, stock == dict(stock), {1: "a"} == {1.0: "a"})
print(dict.fromkeys(["a", "b"], 0), dict.fromkeys("xy"))
merged = {"a": 1} | {"b": 2, "a": 3}
merged |= {"c": 4}
print(merged, {"a": 1, "b": 2} == {"b": 2, "a": 1})
try:
    stock.pop("missing")
except KeyError as e:
    print("KeyError", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
try:
    for k in stock:
        stock[k + "!"] = 0
except RuntimeError as e:
    print(e)
