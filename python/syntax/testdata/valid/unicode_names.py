# Non-ASCII identifiers, NFKC-normalized as CPython does.
café = 1
π = 3.14159
λ = lambda x: x
日本 = "japan"
ﬁle = 2
ℌ = 3
xⁿ = 4
Ω = 5
ｆｕｌｌ = 6
é = 7
