# Roman numerals: convert both ways and check the round trip.
VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def to_roman(n):
    if not 0 < n < 4000:
        raise ValueError("out of range: %d" % n)
    out = []
    for value, letters in VALUES:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(s):
    single = {letters: value for value, letters in VALUES if len(letters) == 1}
    total = 0
    for i, ch in enumerate(s):
        value = single[ch]
        if i + 1 < len(s) and single[s[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(n, r, from_roman(r))
print(all(from_roman(to_roman(n)) == n for n in range(1, 4000)))
try:
    to_roman(0)
except ValueError as e:
    print(e)
try:
    from_roman("XQ")
except KeyError as e:
    print("bad letter", e)
