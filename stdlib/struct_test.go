package stdlib_test

import "testing"

// structShared has 4 threads share one Struct and one bytearray: each
// packs its own slots with pack_into and reads them back, while the
// others write theirs. Every slot must hold what its thread wrote.
const structShared = `
import struct
import thread

S = struct.Struct("<Iq")
N = 500
buf = bytearray(S.size * 4 * N)
bad = [0] * 4
order = []

def work(t):
    for i in range(N):
        off = (t * N + i) * S.size
        S.pack_into(buf, off, t, i * 1000003)
        if S.unpack_from(buf, off) != (t, i * 1000003):
            bad[t] += 1
        if struct.unpack("<Iq", struct.pack("<Iq", t, -i)) != (t, -i):
            bad[t] += 1
        order.append(t)

handles = [thread.start(work, t) for t in range(4)]
for h in handles:
    thread.join(h)
ok = all(S.unpack_from(buf, (t * N + i) * S.size) == (t, i * 1000003) for t in range(4) for i in range(N))
switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
print(ok, bad)
print(switches > 3)
`

// TestStructShared: a Struct and its module's format cache are shared
// safely by threads under every policy, free included; under free it
// runs until the threads' iterations interleaved (the last line says
// so), for up to a time budget.
func TestStructShared(t *testing.T) {
	runUntilInterleaved(t, structShared, "True [0, 0, 0, 0]\n")
}
