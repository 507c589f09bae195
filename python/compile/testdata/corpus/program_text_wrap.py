# Word-wrapping and justifying text to a fixed width.
TEXT = ("Free threading lets every thread run Python code at the same time, "
        "but extensions written for the global interpreter lock expect their "
        "calls to be atomic.")


def wrap(text, width):
    lines, current = [], []
    for word in text.split():
        if current and len(" ".join(current + [word])) > width:
            lines.append(current)
            current = []
        current.append(word)
    if current:
        lines.append(current)
    return lines


def justify(words, width):
    if len(words) == 1:
        return words[0].ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, w in enumerate(words[:-1]):
        out += w + " " * (base + (1 if i < extra else 0))
    return out + words[-1]


for width in [30, 45]:
    print("+" + "-" * width + "+")
    lines = wrap(TEXT, width)
    for i, words in enumerate(lines):
        line = " ".join(words) if i == len(lines) - 1 else justify(words, width)
        print("|" + line.ljust(width) + "|")
    print("+" + "-" * width + "+")
