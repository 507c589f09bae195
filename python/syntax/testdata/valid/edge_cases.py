# Odd corners CPython accepts: numbers glued to keywords, decorators with
# blank lines, the soft keyword type as a name, walruses in displays,
# slices with commas, indentation inside brackets.
@x

def f(): pass
type = 1
match x:
  case (a as b) as c: pass
from . import *
b'\N{BULLET}'
r'\N{nope}'
0b_1
09.5
09j
00
1if x else 2
1 if 2else 3
0xaor 1
1not in x
1or 2
a :b
(a, b := 1)
f(a := 1)
{x := 1}
[x := 1, y := 2]
a[::,]
a[b:=1]
class A(*b, c=1, *d): pass
with (a, b) as c, d:
  pass
x = [
	1,
    2]
if x:
    \
    pass
