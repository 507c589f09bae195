package stdlib_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// sharedRandom has 4 threads draw from the module's shared generator,
// then draws as many sequentially from the same seed, twice: with
// randrange, whose bound rejects a quarter of getrandbits' draws (a draw
// takes one or more steps of the generator, but the accepted values come
// in the same order whoever draws them), and with randbytes, whose 256
// steps in one call make two threads' calls overlap. It prints whether
// the threads' draws and the sequential ones are the same multiset, each
// time, and whether the threads' draws interleaved (some thread's
// consecutive draws are not consecutive in the sequential run).
const sharedRandom = `
import random
import thread

N = 600
BOUND = 3 << 62

def draw(kind):
    if kind == 0:
        return str(random.randrange(BOUND))
    return random.randbytes(1024).hex()

def check(kind):
    random.seed(2024 + kind)
    results = [None] * 4
    def work(i):
        out = []
        for _ in range(N):
            out.append(draw(kind))
        results[i] = out
    handles = [thread.start(work, i) for i in range(4)]
    for h in handles:
        thread.join(h)
    random.seed(2024 + kind)
    seq = [draw(kind) for _ in range(4 * N)]
    drawn = []
    for r in results:
        drawn.extend(r)
    pos = {}
    for i, v in enumerate(seq):
        pos[v] = i
    interleaved = False
    for r in results:
        for j in range(N - 1):
            if pos.get(r[j + 1], -1) != pos.get(r[j], -2) + 1:
                interleaved = True
    return sorted(drawn) == sorted(seq), interleaved

same0, inter0 = check(0)
same1, inter1 = check(1)
print(same0 and same1)
print(inter0 and inter1)
`

// TestRandomSharedThreadSafe: threads drawing from the shared generator
// under free, with real goroutines, never corrupt its state or lose or
// duplicate a draw: the multiset of their draws is exactly the first 4N
// draws of a sequential run from the same seed. It runs until the
// threads' draws have interleaved at least once (the concurrency the
// test is about happened), for up to a time budget; gil and eml are
// checked once each.
func TestRandomSharedThreadSafe(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML} {
		out, stderr := runSource(t, policy, sharedRandom)
		if !strings.HasPrefix(out, "True\n") || stderr != "" {
			t.Errorf("%v: output %q, stderr %q; want the multisets equal", policy, out, stderr)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for runs := 1; ; runs++ {
		out, stderr := runSource(t, eml.PolicyFree, sharedRandom)
		if !strings.HasPrefix(out, "True\n") || stderr != "" {
			t.Fatalf("free, run %d: output %q, stderr %q; want the multisets equal", runs, out, stderr)
		}
		if out == "True\nTrue\n" {
			t.Logf("free: draws interleaved in run %d", runs)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("free: the threads' draws never interleaved in %d runs", runs)
		}
	}
}
