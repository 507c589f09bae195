# A small binary protocol with struct: a header (magic, version, flags,
# length) in network byte order, records of mixed types, a checksum, and
# the errors a malformed packet gives.
import struct

HEADER = struct.Struct("!4sBBH")
RECORD = struct.Struct("<iHd?3sx")


def encode(records, flags=0):
    body = b"".join(RECORD.pack(*r) for r in records)
    checksum = sum(body) & 0xFFFF
    return HEADER.pack(b"RWGL", 1, flags, len(body)) + body + struct.pack(">H", checksum)


def decode(packet):
    magic, version, flags, length = HEADER.unpack_from(packet)
    body = packet[HEADER.size:HEADER.size + length]
    (checksum,) = struct.unpack_from(">H", packet, HEADER.size + length)
    if checksum != sum(body) & 0xFFFF:
        raise ValueError("bad checksum")
    return magic, version, flags, [r for r in RECORD.iter_unpack(body)]


records = [(-5, 65535, 0.5, True, b"abc"), (2**31 - 1, 0, -1e300, False, b"x"), (0, 7, 3.25, True, b"")]
packet = encode(records, flags=3)
print(HEADER.size, RECORD.size, len(packet))
print(packet.hex())
print(decode(packet))

print(struct.calcsize("@bhiq"), struct.calcsize("=bhiq"), struct.calcsize("@qb"), struct.calcsize("@bq"))
print(struct.pack("@bhiq", 1, 2, 3, 4).hex())
print(struct.pack("<hHiIqQ", -1, 65535, -2, 4294967295, -3, 2**64 - 1).hex())
print(struct.unpack(">hHiIqQ", bytes(range(28))))
print(struct.pack("<e", 0.1), struct.unpack("<e", struct.pack("<e", 65504)), struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.pack("5p", b"hello world"), struct.unpack("5p", struct.pack("5p", b"hi")))
buf = bytearray(12)
struct.pack_into("<ii", buf, 4, 7, -7)
print(buf, struct.unpack_from("<i", buf, offset=-4))

for bad in [lambda: struct.pack("<h", 40000), lambda: struct.pack("B", -1), lambda: struct.pack("i", "7"),
            lambda: struct.pack("ii", 1), lambda: struct.unpack("i", b"abc"), lambda: struct.calcsize("q!"),
            lambda: decode(packet[:-1] + b"\x00"), lambda: HEADER.unpack(b"RW")]:
    try:
        bad()
    except (struct.error, ValueError) as e:
        print(type(e).__name__, e)
