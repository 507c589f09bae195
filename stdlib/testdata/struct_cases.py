# struct: every code under every byte order, CPython's range and argument
# errors, native alignment, and seeded round trips (the values come from
# random, whose seeded sequence is CPython's).
import struct
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
for fmt in ['b','B','h','H','i','I','l','L','q','Q','n','N']:
    for order in ['@', '<', '>', '=']:
        for v in [2**70, -2**70, 2**63, -2**63-1, 2**64, 2**32, -2**31-1, 2**31, 65536, -32769, 256, -129, -1]:
            try: struct.pack(order+fmt, v); r='ok'
            except Exception as e: r = type(e).__name__+': '+str(e)
            print(order+fmt, v, r)
for c in 'bhiqfde?':
    t(lambda: struct.pack(c, 'x'))
    t(lambda: struct.pack(c, 1.5))
t(lambda: struct.pack('e', 1e10)); t(lambda: struct.pack('f', 1e300)); t(lambda: struct.pack('<f', float('nan')))
t(lambda: struct.pack('c', b'ab')); t(lambda: struct.pack('c', 'a')); t(lambda: struct.pack('s', 'a')); t(lambda: struct.pack('p', 1))
t(lambda: struct.pack('i')); t(lambda: struct.pack('i', 1, 2)); t(lambda: struct.pack('z', 1)); t(lambda: struct.pack('3')); t(lambda: struct.pack('<n', 1)); t(lambda: struct.pack('>P', 1))
t(lambda: struct.unpack('i', b'abc')); t(lambda: struct.unpack_from('i', b'abc', 1)); t(lambda: struct.unpack_from('i', b'abcdef', -1)); t(lambda: struct.unpack_from('i', b'abcdef', -10))
t(lambda: list(struct.iter_unpack('h', b'abc'))); t(lambda: struct.iter_unpack('', b'abc')); t(lambda: struct.calcsize(5)); t(lambda: struct.Struct(5)); t(lambda: struct.pack(5))
t(lambda: struct.pack_into('i', bytearray(3), 0, 1)); t(lambda: struct.pack_into('i', bytes(8), 0, 1)); t(lambda: struct.pack_into('i', bytearray(8), -9, 1)); t(lambda: struct.pack_into('i', bytearray(8), 0))
t(lambda: struct.pack_into('i', bytearray(8))); t(lambda: struct.pack_into('i')); t(lambda: struct.pack('@i', True)); t(lambda: struct.calcsize('i' * 3))
t(lambda: struct.calcsize('99999999999999999999i')); t(lambda: struct.unpack('i', 'abcd')); t(lambda: struct.pack('2i', 1))
t(lambda: struct.pack('x', 1)); t(lambda: struct.pack('0s', b'abc')); t(lambda: struct.pack('i i', 1, 2)); t(lambda: struct.calcsize('3 i')); t(lambda: struct.calcsize('< 3i'))
t(lambda: struct.unpack()); t(lambda: struct.unpack('i')); t(lambda: struct.calcsize()); t(lambda: struct.Struct()); t(lambda: struct.Struct('i').pack('a'))
t(lambda: struct.Struct('i').unpack(b'ab')); t(lambda: struct.error.__mro__)
t(lambda: struct.pack()); t(lambda: struct.pack_into()); t(lambda: struct.unpack_from()); t(lambda: struct.unpack_from('i', buffer=b'abcd')); t(lambda: struct.unpack_from('i', b'abcd', offset=0))
t(lambda: struct.unpack_from('i', b'abcd', 0, 1)); t(lambda: struct.iter_unpack('i')); t(lambda: struct.calcsize('i', 1)); t(lambda: struct.Struct('i', 1)); t(lambda: struct.Struct('i').pack_into(bytearray(4)))
t(lambda: struct.pack_into('i', bytearray(8), -2, 1)); t(lambda: struct.pack_into('i', [1], 0, 1)); t(lambda: struct.unpack('i', [1]))
s = struct.Struct(b'<hi'); print(s.format, s.size, type(s).__name__, s.pack(1, 2), s.unpack(b'\x01\x00\x02\x00\x00\x00'))
t(lambda: struct.pack('e', 65504.0)); t(lambda: struct.pack('e', 65520.0)); t(lambda: struct.pack('<e', 1e-8)); t(lambda: struct.pack('<e', 5.96e-8)); t(lambda: struct.pack('<e', -0.0))
t(lambda: struct.unpack('<e', b'\x00\x7c')); t(lambda: struct.unpack('<e', b'\x01\x7c')); t(lambda: struct.unpack('<e', b'\x01\x00')); t(lambda: struct.unpack('<2e', b'\xff\x7b\x00\x3c'))
t(lambda: struct.pack('f', 3.4028235e38)); t(lambda: struct.pack('f', 3.4028236e38)); t(lambda: struct.pack('f', 1e39)); t(lambda: struct.pack('f', float('inf')))
t(lambda: struct.pack('d', 10**400)); t(lambda: struct.pack('i', 1.0)); t(lambda: struct.pack('5p', b'abcdefg')); t(lambda: struct.pack('1p', b'abc')); t(lambda: struct.unpack('5p', b'\x09abcd'))
t(lambda: struct.pack('3s', b'a')); t(lambda: struct.pack('3s', bytearray(b'abcd'))); t(lambda: struct.unpack('3s2c?', b'abcde\x02')); t(lambda: struct.pack('256p', bytes(300))[:2])
t(lambda: struct.calcsize('@c0i')); t(lambda: struct.calcsize('@ci')); t(lambda: struct.calcsize('@ic')); t(lambda: struct.calcsize('@cqcec?dPnNl')); t(lambda: struct.calcsize('=cqcec?dl'))
t(lambda: struct.pack('@hq', 1, 2)); t(lambda: struct.pack('!hq', 1, 2)); t(lambda: struct.pack('=hq', 1, 2))
t(lambda: struct.calcsize('')); t(lambda: struct.pack('')); t(lambda: struct.unpack('', b'')); t(lambda: list(struct.iter_unpack('<hb', bytes(range(9)))))
class Idx:
    def __index__(self): return 5
t(lambda: struct.pack('i', Idx())); t(lambda: struct.pack('f', Idx())); t(lambda: struct.pack('?', [])); t(lambda: struct.pack('?', [0]))
t(lambda: struct.Struct('i').size); t(lambda: struct.calcsize(b'ii')); t(lambda: struct.pack('i' * 0 + '\t\n i', 3))

import random
random.seed(1234)
codes = "bBhHiIlLqQnNefd?"
for round_trip in range(300):
    order = random.choice("@=<>!")
    chosen = [random.choice(codes) for _ in range(random.randint(1, 6))]
    if order != "@":
        chosen = [c for c in chosen if c not in "nN"]
    fmt = order + "".join(str(random.randint(1, 3)) + c if random.random() < 0.2 else c for c in chosen)
    size = struct.calcsize(fmt)
    s = struct.Struct(fmt)
    vals = []
    i = 1
    while i < len(fmt):
        n = 1
        if fmt[i].isdigit():
            n = int(fmt[i])
            i += 1
        c = fmt[i]
        i += 1
        for _ in range(n):
            if c in "efd":
                vals.append(random.choice([0.5, -2.25, 1e-3, 3.0, 1000.0, random.random()]) if c != "d" else random.uniform(-1e10, 1e10))
            elif c == "?":
                vals.append(random.random() < 0.5)
            else:
                bits = 8 * struct.calcsize(order + c)
                if c.islower():
                    vals.append(random.randrange(-(1 << (bits - 1)), 1 << (bits - 1)))
                else:
                    vals.append(random.getrandbits(bits))
    packed = s.pack(*vals)
    back = s.unpack(packed)
    assert len(packed) == size == s.size
    print(fmt, packed.hex(), back == tuple(vals) or back)
buf = bytearray(16)
struct.pack_into("<hxi", buf, 2, -2, 7)
struct.pack_into(">d", buf, -8, 2.5)
print(buf.hex(), struct.unpack_from("<hxi", buf, 2), struct.unpack_from(">d", buf, offset=8))
print([t for t in struct.iter_unpack(">H", bytes(range(8)))])
