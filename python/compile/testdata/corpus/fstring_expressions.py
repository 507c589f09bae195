# f-strings hold arbitrary expressions, = for self-documenting, and {{ }}.
a, b = 6, 7
data = {"key": "value", "n": [1, 2, 3]}
print(f"{a} times {b} is {a * b}")
print(f"{a=} {b = } {a * b=}")
print(f"{a=:>4} {data['n']=}")
print(f"{'yes' if a > b else 'no'} {len(data)} {data['key'].upper()}")
print(f"{[x * 2 for x in range(3)]} {sum(data['n'])} {max(a, b)}")
print(f"{{literal braces}} {{{a}}} {'{'}")
print(f"{(lambda x: x + 1)(a)}")
print(f"{a}{b}" f"{a}" "plain" f"{b}")
print(f"""triple
{a:>3}
quoted""")
print(f"{'a' 'b'}", f"{3:{'>'}{4}}", f'{"double inside single"}')
print(f"{a!r:}", f"{None}", f"{data}")
multiline = (
    f"name: {data['key']}, "
    f"count: {len(data['n'])}"
)
print(multiline)
