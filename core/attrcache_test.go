package core

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python/compile"
)

// TestAttrCacheRebindWhileCalling rebinds a method from one thread while
// two others call it through one LOAD_METHOD site (testdata/attrcache/
// rebind.py), whose cached entry they share. Each new function's only
// reference is the class dict's, so a replaced one dies at once: a cached
// entry used after its death would be a use after free, which the
// tracked runtime reports at Close. Readers must see the rebinding in
// order (never an older function after a newer one) and, once the writer
// is done, its last function. The round repeats, for a time budget, until
// a reader saw the method change between two of its calls (evidence the
// threads overlapped); under the free-threaded policies a run that never
// overlaps fails.
func TestAttrCacheRebindWhileCalling(t *testing.T) {
	const writes = 200
	src, err := os.ReadFile("testdata/attrcache/rebind.py")
	mustOK(err)
	bc, err := compile.Compile("rebind.py", src)
	mustOK(err)
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: p})
			th.Decref(must(th.Run(bc)))
			mod := must(th.mainModule())
			call, rebind, inst := th.dictGetStr(mod.dict, "call"), th.dictGetStr(mod.dict, "rebind"), th.dictGetStr(mod.dict, "inst")
			th.Decref(mod)
			defer func() { th.Decref(call); th.Decref(rebind); th.Decref(inst) }()
			callInt := func(th *Thread) int64 {
				r := must(th.Call(call, []Object{inst}, nil))
				k, ok := r.(*Int).Int64()
				th.Decref(r)
				if !ok {
					panic("o.m() is not a small int")
				}
				return k
			}
			mustOK(th.Detach())
			defer func() { mustOK(th.Attach()) }()

			deadline := time.Now().Add(10 * time.Second)
			for round, first := 1, int64(1); ; round, first = round+1, first+writes {
				var changes [3]int
				last := first + writes - 1
				runThreads(t, rt, 3, func(i int, th *Thread) {
					if i == 0 {
						for k := first; k <= last; k++ {
							x := th.NewInt(k)
							th.Decref(must(th.Call(rebind, []Object{x}, nil)))
							th.Decref(x)
						}
						return
					}
					prev := int64(-1)
					for n := 0; prev < last; n++ {
						k := callInt(th)
						if k < prev {
							panic("o.m() went back from " + strconv.FormatInt(prev, 10) + " to " + strconv.FormatInt(k, 10))
						}
						if k != prev && n > 0 {
							changes[i]++
						}
						prev = k
						mustOK(th.SafePoint())
					}
				})
				mustOK(th.Attach())
				if k := callInt(th); k != last {
					t.Fatalf("round %d: after the writes o.m() returns %d, want %d", round, k, last)
				}
				mustOK(th.Detach())
				if overlapVerdict(t, p, round, deadline, changes) {
					return
				}
			}
		})
	}
}
