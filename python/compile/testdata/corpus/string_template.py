# The string module: its constants, capwords, Template and Formatter.
import string

print(string.ascii_letters)
print(string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
print(string.capwords("  hello   wide\tworld  "), string.capwords("a-b-c", "-"), repr(string.capwords("")))

t = string.Template("$who likes $what; ${who}s pay $$5 each")
print(t.substitute(who="tim", what="kung pao"))
print(t.substitute({"who": "ann", "what": "tea"}, what="coffee"))
print(t.safe_substitute(who="bo"))
print(t.get_identifiers(), t.is_valid(), t.template)
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError:", e)
bad = string.Template("line one\ncost: $ 5")
print(bad.is_valid(), bad.safe_substitute())
try:
    bad.substitute()
except ValueError as e:
    print("ValueError:", e)
print(string.Template("${unclosed and $_ok $9").safe_substitute(_ok=1))


class Percent(string.Template):
    delimiter = "%"


print(Percent("%name is %%100 %{name}").substitute(name="it"))

f = string.Formatter()
print(f.format("{0} + {1} = {2:>5}", 1, 2, 3))
print(f.format("{name!r} has {n:03d} items; {{literal}}", name="box", n=7))
print(f.format("{p.real} {d[k]} {l[1]}", p=3, d={"k": "v"}, l=[10, 20]))
print(f.format("{} and {}", "auto", "numbered"))
