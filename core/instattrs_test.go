package core

import (
	"runtime"
	"strconv"
	"testing"
	"unsafe"

	"github.com/rwgil/rwgil/eml"
)

// TestInstanceDictPresized checks that an instance's dict is made with
// room for the attributes its class's instances have held, so that
// storing them does not grow it: the entries keep their first backing
// array.
func TestInstanceDictPresized(t *testing.T) {
	_, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	cls := must(th.NewClass("C", nil, nil, "m"))
	defer th.Decref(cls)
	names := []string{"a", "b", "c"}
	set := func(o Object) {
		for i, n := range names {
			v := th.NewInt(int64(1000 + i))
			mustOK(th.SetAttr(o, n, v))
			th.Decref(v)
		}
	}
	first := th.newInstance(cls)
	if d := first.(*Instance).dict; cap(d.entries) != 0 {
		t.Errorf("the first instance's dict has room for %d entries, want none", cap(d.entries))
	}
	set(first)
	th.Decref(first)
	if got := cls.instAttrs.Load(); got != int32(len(names)) {
		t.Fatalf("instAttrs is %d after an instance held %d attributes", got, len(names))
	}
	o := th.newInstance(cls)
	defer th.Decref(o)
	d := o.(*Instance).dict
	if cap(d.entries) != len(names) || len(d.index) != 8 {
		t.Fatalf("a new instance's dict has %d entries' room and %d index slots, want %d and 8", cap(d.entries), len(d.index), len(names))
	}
	before := unsafe.SliceData(d.entries)
	set(o)
	if unsafe.SliceData(d.entries) != before || d.used != int32(len(names)) {
		t.Errorf("storing %d attributes into a presized dict reallocated its entries (used %d)", len(names), d.used)
	}
	for i, n := range names {
		if got := reprOf(t, th, must(th.GetAttr(o, n))); got != strconv.Itoa(1000+i) {
			t.Errorf("o.%s is %s, want %d", n, got, 1000+i)
		}
	}
}

// TestInstanceDictLayout: for each size a class's instances have had, a
// new instance and its dict are one allocation up to 5 attributes, never
// more bytes than an instance, a dict, its entries and its index
// allocated apart, and hold their attributes through growth past the
// inline room, deletion, and the instance's death (the dict kept).
func TestInstanceDictLayout(t *testing.T) {
	_, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	// Allocations are counted on a runtime that does not track objects
	// (tracking allocates an entry per object).
	plain, err := NewRuntime(Config{Policy: eml.PolicyEML})
	mustOK(err)
	pt := plain.NewThread("plain")
	mustOK(pt.Attach())
	defer func() {
		mustOK(pt.Detach())
		mustOK(pt.Close())
		mustOK(plain.Close())
	}()
	for n := 0; n <= 8; n++ {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			allocs := testing.AllocsPerRun(100, func() {
				i := pt.newInstanceWithDict(n)
				untrack(i.dict, pt.owner)
			})
			wantAllocs := 1.0
			if n > 5 {
				wantAllocs = 4
			}
			if allocs != wantAllocs {
				t.Errorf("%v allocations for an instance and its dict, want %v", allocs, wantAllocs)
			}
			fused := bytesPerRun(func() {
				i := pt.newInstanceWithDict(n)
				untrack(i.dict, pt.owner)
			})
			apart := bytesPerRun(func() {
				i, d := &Instance{}, &Dict{}
				if n > 0 {
					d.reserve(n)
				}
				i.dict = d
				instanceSink = i
			})
			t.Logf("%d attributes: %d bytes in one allocation, %d apart", n, fused, apart)
			if fused > apart {
				t.Errorf("an instance with its dict takes %d bytes in one allocation, %d apart", fused, apart)
			}

			cls := must(th.NewClass("C"+strconv.Itoa(n), nil, nil, "m"))
			defer th.Decref(cls)
			cls.instAttrs.Store(int32(n))
			o := th.newInstance(cls)
			attrs := n + 3 // past the inline room
			for k := 0; k < attrs; k++ {
				v := th.NewInt(int64(100 + k))
				mustOK(th.SetAttr(o, "a"+strconv.Itoa(k), v))
				th.Decref(v)
			}
			mustOK(th.DelAttr(o, "a0"))
			d := th.newRef(o.(*Instance).dict).(*Dict)
			th.Decref(o) // the dict outlives its instance
			defer th.Decref(d)
			for k := 0; k < attrs; k++ {
				v := th.dictGetStr(d, "a"+strconv.Itoa(k))
				got := "absent"
				if v != nil {
					got = reprOf(t, th, v)
				}
				want := strconv.Itoa(100 + k)
				if k == 0 {
					want = "absent"
				}
				if got != want {
					t.Errorf("a%d = %s, want %s", k, got, want)
				}
			}
		})
	}
}

// instanceSink makes what a measurement allocates escape to the heap.
var instanceSink *Instance

// bytesPerRun is the bytes f allocates, the least of a few averages over
// many runs (other goroutines' allocations only ever add to a sample).
func bytesPerRun(f func()) uint64 {
	const runs = 1000
	best := ^uint64(0)
	var m runtime.MemStats
	for range 3 {
		runtime.ReadMemStats(&m)
		before := m.TotalAlloc
		for range runs {
			f()
		}
		runtime.ReadMemStats(&m)
		best = min(best, (m.TotalAlloc-before)/runs)
	}
	return best
}
