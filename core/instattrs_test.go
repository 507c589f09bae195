package core

import (
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
