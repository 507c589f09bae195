# Indentation: spaces, tabs used consistently, comments and blank lines
# between statements, semicolons, line continuations, form feeds.
if a:
	x = 1
	if b:
		y = 2
if c:
        # a comment at another depth
    z = 3

    w = 4
# comment
x = 1; y = 2; z = 3;
total = 1 + \
    2 + \
        3
if a and \
   b:
    pass
s = [1,
  2,
      3]
def f(
    a,
        b):
  return a
x = 1
y = 2
