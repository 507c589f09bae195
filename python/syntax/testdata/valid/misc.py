# Odds and ends: ellipsis, None/True/False, pass, expression statements,
# walrus at statement level in parentheses, chained attribute calls.
...
x = ...
y = a[...]
None
True
False
pass
(x := 1)
a.b.c.d
"string statement"
f"fstring statement"
-x
not x
x if y else z
lambda: 0
[x for x in y]
yield_ = 1
print(*args, sep="")
del_ = 1
