package core

import (
	"fmt"
	"os"
	"strconv"
	"strings"
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
			g := mainGlobals(t, th, "call", "rebind", "inst")
			call, rebind, inst := g[0], g[1], g[2]
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

// TestAttrSlotsRunOut: a code object with more attribute instructions
// than it can number slots for, and names past the operand's 16 bits,
// still runs them all (those without a slot through the general path).
// The module is generated: 70,000 stores of distinct attributes of one
// instance, then reads of three, and of one through a slot.
func TestAttrSlotsRunOut(t *testing.T) {
	const attrs = 70000 // past maxAttrSlots and past 1<<16 names
	var src strings.Builder
	src.WriteString("class C:\n    pass\no = C()\n")
	for i := range attrs {
		fmt.Fprintf(&src, "o.a%d = %d\n", i, i)
	}
	fmt.Fprintf(&src, "r = (o.a0, o.a%d, o.a%d)\n", maxAttrSlots+10, attrs-1)
	bc, err := compile.Compile("many.py", []byte(src.String()))
	mustOK(err)
	_, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	code := must(th.rt.codeFor(bc))
	slotted := 0
	for _, in := range code.insns {
		if in.flags()&attrSlot != 0 {
			slotted++
		}
	}
	if slotted != maxAttrSlots || len(code.attrCache) != maxAttrSlots {
		t.Errorf("%d instructions with a slot, %d slots; want %d of each", slotted, len(code.attrCache), maxAttrSlots)
	}
	th.Decref(must(th.Run(bc)))
	mod := must(th.mainModule())
	defer th.Decref(mod)
	r := th.dictGetStr(mod.dict, "r")
	defer th.Decref(r)
	want := fmt.Sprintf("(0, %d, %d)", maxAttrSlots+10, attrs-1)
	if got := reprOf(t, th, th.newRef(r)); got != want {
		t.Errorf("r = %s, want %s", got, want)
	}
	o := th.dictGetStr(mod.dict, "o")
	defer th.Decref(o)
	if n := o.(*Instance).dict.used; n != attrs {
		t.Errorf("o has %d attributes, want %d", n, attrs)
	}
}

// TestAttrCacheBacksOff: a site that sees several classes in turn
// (testdata/attrcache/megamorphic.py) stops refilling its slot at every
// miss once it has been refilled maxAttrRefills times, and still reads
// every attribute right.
func TestAttrCacheBacksOff(t *testing.T) {
	src, err := os.ReadFile("testdata/attrcache/megamorphic.py")
	mustOK(err)
	bc, err := compile.Compile("megamorphic.py", src)
	mustOK(err)
	_, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	th.Decref(must(th.Run(bc)))
	mod := must(th.mainModule())
	defer th.Decref(mod)
	if got := reprOf(t, th, th.dictGetStr(mod.dict, "total")); got != "22200" {
		t.Errorf("total = %s, want 22200", got)
	}
	get := th.dictGetStr(mod.dict, "get").(*Function)
	defer th.Decref(get)
	code := get.code
	if len(code.attrCache) != 1 {
		t.Fatalf("get has %d attribute slots, want 1", len(code.attrCache))
	}
	e := code.attrCache[0].Load()
	// Without the back-off every miss refills, and an entry never skips.
	if e == nil || e.refills != maxAttrRefills || e.skips.Load() == 0 {
		t.Fatalf("the slot's entry %+v; want one refilled %d times that has skipped misses since", e, maxAttrRefills)
	}
}
