package refcount_test

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/rwgil/rwgil/refcount"
)

// obj is the test object: a container that drops its items when
// deallocated, counting how often that happened and on whose thread.
type obj struct {
	rc    refcount.Count
	name  string
	s     refcount.Strategy
	items []*obj

	deallocs atomic.Int32
	lastBy   atomic.Pointer[refcount.Owner]
	// hook, when set, runs at the start of Dealloc.
	hook func(o *obj, by *refcount.Owner)
}

func newObj(s refcount.Strategy, name string) *obj {
	return &obj{s: s, name: name}
}

func (o *obj) RefCount() *refcount.Count { return &o.rc }
func (o *obj) Describe() string          { return o.name }

func (o *obj) Dealloc(by *refcount.Owner) {
	o.deallocs.Add(1)
	o.lastBy.Store(by)
	if o.hook != nil {
		o.hook(o, by)
	}
	items := o.items
	o.items = nil
	for _, it := range items {
		o.s.Decref(it, by)
	}
}

// reports collects misuse reports from any goroutine.
type reports struct {
	mu   sync.Mutex
	list []*refcount.Report
}

func (r *reports) add(x *refcount.Report) {
	r.mu.Lock()
	r.list = append(r.list, x)
	r.mu.Unlock()
}

func (r *reports) all() []*refcount.Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*refcount.Report(nil), r.list...)
}

func (r *reports) String() string {
	var s string
	for _, x := range r.all() {
		s += x.Error() + "\n"
	}
	return s
}

// newStrategy returns a strategy whose reports go to the returned collector.
func newStrategy(k refcount.Kind) (refcount.Strategy, *reports) {
	r := &reports{}
	return refcount.New(k, r.add), r
}

// counted reports whether k counts references and deallocates.
func counted(k refcount.Kind) bool {
	return k == refcount.Plain || k == refcount.Atomic || k == refcount.Biased
}

// freeThreaded reports whether k may be used by several threads at once
// without a global lock.
func freeThreaded(k refcount.Kind) bool {
	return k != refcount.Plain
}

func ownerOf(o *obj) string {
	if b := o.lastBy.Load(); b != nil {
		return b.Name()
	}
	return "<none>"
}

func objName(i int) string { return fmt.Sprintf("obj%d", i) }
