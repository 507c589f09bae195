# Length-prefixed framing over a byte stream, as a socket server does it:
# chunks accumulate in a bytearray, whole frames are cut off the front
# with del buf[:n], and the extended-slice forms of bytearray assignment.
import struct

frames = [b"hello", b"", b"a longer frame of bytes", bytes(range(7))]
stream = b"".join(struct.pack("!H", len(f)) + f for f in frames)
chunks = [stream[i:i + 5] for i in range(0, len(stream), 5)]

buf = bytearray()
received = []
for chunk in chunks:
    buf += chunk
    while len(buf) >= 2:
        (n,) = struct.unpack_from("!H", buf)
        if len(buf) < 2 + n:
            break
        received.append(bytes(buf[2:2 + n]))
        del buf[:2 + n]
print(received == frames, received, buf)

b = bytearray(range(10))
del b[::3]
print(b)
del b[::-2]
print(b)
b = bytearray(range(10))
b[::2] = bytes(5)
b[1:3] = b"xyz"
b[-1:] = b""
print(b, len(b))
b[::-1] = bytes(range(len(b)))
print(b.hex(" "))
for bad in [lambda: b.__setitem__(slice(None, None, 2), b"a"), lambda: b.__setitem__(slice(0, 1), 5)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
