package core

import (
	"runtime"
	"sync"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// leafOp is an operation that runs in a leaf section (beginLeafCS) on
// its object: it does it and reports what it read, for the test to check.
type leafOp struct {
	name string
	// setup makes the object and what the operation expects to read.
	setup func(th *Thread) (o Object, do func(th *Thread) Object, want Object)
}

var leafOps = []leafOp{
	{"dict read", func(th *Thread) (Object, func(*Thread) Object, Object) {
		d := th.NewDict()
		k, v := th.rt.Intern("x"), th.NewInt(7)
		mustOK(th.DictSet(d, k, v))
		th.Decref(v)
		return d, func(th *Thread) Object { return th.dictGetStrHash(d, "x", k.hashValue()) }, v
	}},
	{"dict get", func(th *Thread) (Object, func(*Thread) Object, Object) {
		d := th.NewDict()
		k, v := th.NewInt(3), th.NewInt(70)
		mustOK(th.DictSet(d, k, v))
		th.Decref(v)
		th.Decref(k) // the dict's now
		return d, func(th *Thread) Object { return must(th.DictGet(d, k)) }, v
	}},
	{"dict set", func(th *Thread) (Object, func(*Thread) Object, Object) {
		d := th.NewDict()
		k, v := th.NewStr("key"), th.NewInt(71)
		defer th.Decref(v)
		mustOK(th.DictSet(d, k, th.rt.None))
		th.Decref(k) // the dict's now
		return d, func(th *Thread) Object {
			mustOK(th.DictSet(d, k, v))
			return must(th.DictGet(d, k))
		}, v
	}},
	{"list append and item", func(th *Thread) (Object, func(*Thread) Object, Object) {
		l := th.NewList(nil)
		v := th.NewInt(72)
		defer th.Decref(v)
		return l, func(th *Thread) Object {
			mustOK(th.ListAppend(l, v))
			return must(th.ListItem(l, th.ListLen(l)-1))
		}, v
	}},
	{"list set item", func(th *Thread) (Object, func(*Thread) Object, Object) {
		l := th.NewList([]Object{th.NewInt(0)})
		v := th.NewInt(73)
		defer th.Decref(v)
		return l, func(th *Thread) Object {
			mustOK(th.listSetItem(l, 0, v))
			return must(th.ListItem(l, -1))
		}, v
	}},
	{"cell get", func(th *Thread) (Object, func(*Thread) Object, Object) {
		c := th.newCell(nil)
		v := th.NewInt(8)
		c.set(th, th.newRef(v))
		th.Decref(v)
		return c, func(th *Thread) Object { return c.get(th) }, v
	}},
	{"cell set", func(th *Thread) (Object, func(*Thread) Object, Object) {
		c := th.newCell(nil)
		v := th.NewInt(9)
		defer th.Decref(v)
		return c, func(th *Thread) Object {
			c.set(th, th.newRef(v))
			return c.get(th)
		}, v
	}},
}

// TestLeafSections: a leaf section takes its object's mutex and gives it
// back without entering the thread's stack of sections when the mutex is
// free; inside an enclosing section on the same object it is that
// section (no deadlock on the mutex the thread holds, which stays held);
// when another thread holds the mutex it waits, as an ordinary section
// does, and reads what that thread left; under gil it takes nothing.
func TestLeafSections(t *testing.T) {
	for _, op := range leafOps {
		t.Run(op.name, func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: eml.PolicyEML})
			o, do, want := op.setup(th)
			defer th.Decref(o)
			mu := &headerOf(o).mu
			check := func(situation string, got Object) {
				t.Helper()
				if got != want {
					t.Errorf("%s: read %v, want %v", situation, got, want)
				}
				th.XDecref(got)
			}

			check("free", do(th))
			if mu.Locked() || len(th.cs) != 0 {
				t.Errorf("after a leaf section on a free object: mutex held=%v, %d sections on the stack; want free, none", mu.Locked(), len(th.cs))
			}

			var heldInside bool
			mustOK(th.CriticalSection(o, func() error {
				check("inside a section on the object", do(th))
				heldInside = mu.Locked() && len(th.cs) == 1
				return nil
			}))
			if !heldInside || mu.Locked() || len(th.cs) != 0 {
				t.Errorf("enclosing section: held with one section on the stack after the leaf=%v; mutex held=%v with %d sections after; want true, free, none", heldInside, mu.Locked(), len(th.cs))
			}

			// Contended: the main thread holds the object's section while
			// another thread's leaf operation waits for it.
			reader := rt.NewThread("reader")
			var wg sync.WaitGroup
			var got Object
			mustOK(th.CriticalSection(o, func() error {
				wg.Add(1)
				go func() {
					defer wg.Done()
					mustOK(reader.Attach())
					got = do(reader)
					mustOK(reader.Detach())
				}()
				for reader.eml.Waiting() != "a Mutex" {
					runtime.Gosched() // until the reader waits for the object
				}
				return nil
			}))
			mustOK(th.Detach())
			wg.Wait()
			mustOK(th.Attach())
			check("contended", got)
			mustOK(reader.Close())
			if mu.Locked() {
				t.Error("after the contended leaf section the mutex is held")
			}
		})
	}
	t.Run("gil", func(t *testing.T) {
		_, th := testRuntime(t, Config{Policy: eml.PolicyGIL})
		for _, op := range leafOps {
			o, do, want := op.setup(th)
			var heldInside bool
			mustOK(th.CriticalSection(o, func() error { heldInside = headerOf(o).mu.Locked(); return nil }))
			if got := do(th); got != want || heldInside || headerOf(o).mu.Locked() {
				t.Errorf("%s under gil: read %v (want %v); mutex held in a section=%v, after=%v; want false, false", op.name, got, want, heldInside, headerOf(o).mu.Locked())
			} else {
				th.Decref(got)
			}
			th.Decref(o)
		}
	})
}
