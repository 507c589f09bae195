# json: dumps with every option, loads with its hooks, and the decoder's
# errors with CPython's messages and positions.
import json
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e, getattr(e, 'args', None), [getattr(e, a, None) for a in ('msg', 'pos', 'lineno', 'colno')])
for s in ['', ' ', '[', '[1,', '[1 2]', '{', '{"a"', '{"a" 1}', '{"a":', '{"a":1,}', '[1,]', '{1:2}', '"abc', '"a\\qb"', '"\\u12"', '"\\u12zz"', '"a\nb"', '"a\tb"',
          'tru', 'nul', '01', '-', '1.', '1e', '.5', '1 2', '[1]x', 'NaN', '-Infinity', 'Infinity', '-NaN', '[-]', '{"a":1 "b":2}', '\ufeff[1]', '[1,\n 2,\n x]', '"\\ud83d\\ude00"',
          '1e400', '-0', '-0.0', '123456789012345678901234567890', '1.5e-3', '[true, false, null]', '{"a": [1, {"b": null}], "c": "d"}', '{"a":1,"a":2}', '  {"x" : 1 }  ', '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
          '[1,,2]', '{,}', '{"a":1,,}', '"abc\\', '[', ']', '{"a"}', '3.0', '1E5', '-12.5E+3', '"\x7f"', '"é"']:
    t(lambda: json.loads(s))
t(lambda: json.loads(5)); t(lambda: json.loads(b'[1, 2]')); t(lambda: json.loads(bytearray(b'"x"'))); t(lambda: json.loads('[1.5]', parse_float=str)); t(lambda: json.loads('[15]', parse_int=float))
t(lambda: json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items()))); t(lambda: json.loads('{"b": 1, "a": 2}', object_pairs_hook=list)); t(lambda: json.loads('[NaN]', parse_constant=str))
t(lambda: json.loads('[1]', foo=1)); t(lambda: json.loads()); t(lambda: json.JSONDecodeError.__mro__); t(lambda: json.JSONDecodeError("m", "ab\ncd", 4).args)
e = json.JSONDecodeError("m", "ab\ncd", 4); print(e.msg, e.doc, e.pos, e.lineno, e.colno, str(e))

for s in ['"ab\\u12"', '"ab\\uzzzz"', '"\\ud83d\\u12"', '"ab\\', '"ab\\u"', '[1, 2', '{"a": 1', '{"a": 1 ', '[1e5]', '[1E-2]', '[-5]', '[- 5]', '[1.0e+]']:
    t(lambda: json.loads(s))
d = {"b": [1, 2.5, None, True], "a": {"x": "é\u2028\U0001f600\x00\x1f\x7f\"\\/\n"}, "c": (), "d": {}, "e": []}
print(json.dumps(d)); print(json.dumps(d, ensure_ascii=False)); print(json.dumps(d, indent=2, sort_keys=True)); print(json.dumps(d, indent="\t")); print(json.dumps(d, separators=(",", ":")))
print(json.dumps([1, [2, [3]]], indent=0)); print(json.dumps({}, indent=2), json.dumps([], indent=2), json.dumps([[]], indent=2))
print(json.dumps({1: 2, 2.5: 3, True: 4, None: 5, False: 6, float('inf'): 7}))
print(json.dumps([float('nan'), float('inf'), -float('inf'), 1e300, 1e-7, 10**30, -0.0, 0.1]))
t(lambda: json.dumps([float('nan')], allow_nan=False)); t(lambda: json.dumps({(1,): 2})); print(json.dumps({(1,): 2, "a": 1}, skipkeys=True))
t(lambda: json.dumps({1: 2, "a": 3}, sort_keys=True)); t(lambda: json.dumps(object)); t(lambda: json.dumps({1, 2})); t(lambda: json.dumps(b"x"))
print(json.dumps({1, 2}, default=sorted)); print(json.dumps(range(3), default=list))
a = []; a.append(a); t(lambda: json.dumps(a)); dd = {}; dd["x"] = dd; t(lambda: json.dumps(dd))
t(lambda: json.dumps(1, foo=2)); t(lambda: json.dumps()); t(lambda: json.dumps(1, 2)); print(json.dumps("x", indent=4), json.dumps(None), json.dumps(True), json.dumps(-7))
print(json.dumps({"a": 1, "b": [1, 2]}, indent=3, separators=(" ,", " : ")))
print(json.loads(json.dumps(d)) == {"b": [1, 2.5, None, True], "a": {"x": "é\u2028\U0001f600\x00\x1f\x7f\"\\/\n"}, "c": [], "d": {}, "e": []})
print(json.dumps(1, indent=None, sort_keys=False, separators=None, default=None, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None))
print(json.dumps({"k": 1}, sort_keys=1), json.dumps([1], indent=-1), json.dumps([1,2], indent=True))

class Sink:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
class Source:
    def read(self): return '{"k": [1, 2]}'
s = Sink()
json.dump({"a": [1, {"b": 2}]}, s, indent=1)
print(repr("".join(s.parts)))
print(json.load(Source()))

try:
    json.loads("[1, 2")
except ValueError as e:
    print(type(e).__name__, e.msg, e.pos, e.lineno, e.colno, e.doc, isinstance(e, json.JSONDecodeError))

# JSONEncoder and its subclasses as dumps's cls=, and the recursion limits.
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)
print(json.dumps([Point(1, 2), {"p": Point(3, 4)}], cls=PointEncoder))
print(json.dumps({"b": Point(0, 0), "a": 1}, cls=PointEncoder, indent=2, sort_keys=True))
print(PointEncoder().encode(Point(5, 6)), PointEncoder(separators=(",", ":")).encode([1, 2]))
print("".join(json.JSONEncoder().iterencode({"k": [1]})))
try:
    json.dumps({1, 2}, cls=PointEncoder)
except TypeError as e:
    print(e)
e = json.JSONEncoder(indent=4)
print(repr(e.item_separator), repr(e.key_separator), e.indent, e.sort_keys, json.JSONEncoder.item_separator)
class Upper(json.JSONEncoder):
    def __init__(self, *, tag="", **kw):
        super().__init__(**kw)
        self.tag = tag
    def encode(self, o):
        return self.tag + super().encode(o).upper()
print(json.dumps({"a": "b"}, cls=Upper, tag="T:"))
try:
    json.dumps(1, bogus=1)
except TypeError as e:
    print(e)
try:
    json.dumps(1, cls=PointEncoder, bogus=1)
except TypeError as e:
    print(e)
class A: pass
try:
    json.dumps(A(), default=lambda o: A())
except RecursionError as e:
    print("RecursionError")
l = []
x = l
for i in range(5000):
    x.append([]); x = x[0]
try:
    json.dumps(l)
except RecursionError as e:
    print("deep", e)

# JSONDecoder: decode, raw_decode over a stream, a subclass as loads's cls=, strict.
dec = json.JSONDecoder()
print(dec.decode(' {"a": [1, 2]} '), dec.raw_decode('[1, 2] trailing'), dec.raw_decode('xx{"k": 3}yy', 2))
for bad in [lambda: dec.decode("[1] 2"), lambda: dec.raw_decode(" [1]"), lambda: dec.raw_decode("[1]", 5)]:
    try:
        bad()
    except json.JSONDecodeError as e:
        print(e)
stream = '{"n": 1}{"n": 2} {"n": 3}'
pos, items = 0, []
while pos < len(stream):
    while stream[pos] == " ":
        pos += 1
    obj, pos = dec.raw_decode(stream, pos)
    items.append(obj["n"])
print(items)
class Tagged(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_hook=self.tag, **kw)
    def tag(self, d):
        return ("obj", sorted(d))
print(json.loads('{"b": {"c": 1}, "a": 2}', cls=Tagged))
print(json.loads('"a\tb"', strict=False) if False else json.JSONDecoder(strict=False).decode('"a\tb"'))
print(json.loads('[1.5]', cls=json.JSONDecoder, parse_float=str))
try:
    json.JSONDecoder().decode('"a\nb"')
except json.JSONDecodeError as e:
    print(e)
print(json.loads('"a\tb"', strict=False))
try:
    json.loads("1", foo=1)
except TypeError as e:
    print(e)
try:
    json.dumps(1, foo=1)
except TypeError as e:
    print(e)
