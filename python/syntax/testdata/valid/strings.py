# String literals: quotes, triple quotes, prefixes, escapes, concatenation.
a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
e = r'raw \n'
f = R"raw \t"
g = u'unicode'
h = U"unicode"
i = 'it\'s'
j = "say \"hi\""
k = 'tab\there'
l = 'newline\nhere'
m = '\\backslash'
n = '\x41\101\u00e9\U0001F600'
o = '\a\b\f\v\r\0'
p = 'concat' "enated" '''three'''
q = u'kind' 'kept'
r = 'a' u'b'
s = ''
t = ""
u = ''''''
v = """"quoted" inside"""
w = '''it's'''
x = 'line \
continued'
y = "é漢字😀"
z = '\
'
aa = 'quotes \' and "'
bb = "quotes ' and \""
cc = '\N{BULLET}'
dd = '\N{LATIN SMALL LETTER E WITH ACUTE}\N{greek small letter alpha}'
ee = '\ud800'
ff = 'non\x00printable\x7f\x80\xa0\u2028'
gg = (
    "implicit "
    "concatenation "
    'across lines'
)
hh = 'a\qb'
ii = '\777'
