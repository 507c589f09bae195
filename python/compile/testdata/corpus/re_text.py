# re: search, match, fullmatch, findall, finditer, sub (templates and
# functions), split, groups by index and name, flags, a tokenizer loop.
import re
print(re.sub(r"\d+", "#", "a12b3"), re.findall(r"(\w+)=(\d+)", "a=1, bc=22"), re.split(r"[,;]\s*", "a, b;c"))
m = re.match(r"(?P<key>\w+):\s*(?P<val>.*)", "name:  rwgil")
print(m, m.group("key"), m["val"], m.groups(), m.groupdict(), m.span(2), m.lastindex, m.lastgroup)
print(re.search(r"o+", "foo boo").span(), re.fullmatch(r"\d{2,3}", "123"), re.fullmatch(r"\d{2,3}", "1234"))
print(re.findall("^a", "aaa"), re.findall(r"\bfoo\b", "foo xfoo foo"), [m.span() for m in re.finditer(r"\d", "a1b22")])
p = re.compile(r"(\w+) (\w+)", re.I)
print(p, p.sub(r"\2 \1", "hello world, big dog"), p.subn(lambda m: m[1].upper(), "ab cd ef gh"))
print(re.escape("a.b*c"), re.split(r"(-)", "a-b-c", maxsplit=1), re.compile("x").pattern, p.groups, p.groupindex)
tok = re.compile(r"\s*(?:(\d+)|(\w+)|(.))")
pos, out = 0, []
s = "x = 42 + y1"
while pos < len(s):
    m = tok.match(s, pos)
    if not m: break
    out.append((m.lastindex, m.group(m.lastindex)))
    pos = m.end()
print(out)
print(re.sub(r"(?m)^", "> ", "a\nb"), re.findall(r"a.c", "a\nc abc", re.S), re.findall(r"""
    (\d+)   # digits
    \s*     # space
""", "12 34", re.X))
for bad in ["(unclosed", "a{2", "[z-a]"]:
    try:
        re.compile(bad)
    except re.error as e:
        print("error:", type(e).__name__)
print(re.sub("é", "e", "café"), re.search("f(é)", "café").span(1))
print(re.findall(r"\w+", "café naïve x_1"), re.findall(r"\W+", "a, b"), re.findall(r"[\w-]+", "é-b c"), re.findall(r"\d", "1٣"), re.split(r"\s+", "a\vb\u3000c"), re.findall(r"\w+", "café", re.A), re.findall(r"\S+", "a b"), re.findall(r"\D+", "a1b"))
