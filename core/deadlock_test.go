package core

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// TestTwoObjectSectionsNoDeadlock: threads run two-object operations on the
// same pairs in opposite orders (L1.extend(L2) against L2.extend(L1),
// D1.update(D2) against D2.update(D1), L1[0:1] = L2 against L2[0:1] = L1,
// L1 == L2 against L2 == L1) while another thread promotes back to back.
// Sections are taken in address order and a contended one releases
// everything first, so nothing may deadlock; the watchdog of runThreads
// fails the test with every thread's state if it does.
func TestTwoObjectSectionsNoDeadlock(t *testing.T) {
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyFree, eml.PolicySticky, eml.PolicyGIL} {
		t.Run(p.String(), func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: p})
			l1, l2 := th.NewList([]Object{th.NewInt(1)}), th.NewList([]Object{th.NewInt(2)})
			d1, d2 := th.NewDict(), th.NewDict()
			defer func() { th.Decref(l1); th.Decref(l2); th.Decref(d1); th.Decref(d2) }()
			one := th.NewInt(1)
			defer th.Decref(one)
			mustOK(th.DictSet(d1, one, one))
			mustOK(th.DictSet(d2, one, one))
			mustOK(th.Detach())
			defer func() { mustOK(th.Attach()) }()

			// Workers go on until they have seen the contention the test is
			// about, or for a time budget: on a loaded machine, with fewer
			// free cores than threads, that takes longer. Each round also
			// yields inside a section on its first list, so that the other
			// workers find it held even when they share one core.
			const enough = 50
			deadline := time.Now().Add(contentionBudget)
			var workersLeft atomic.Int64
			workersLeft.Store(4)
			var contended atomic.Int64
			runThreads(t, rt, 5, func(i int, th *Thread) {
				if i == 4 { // the promoter
					for workersLeft.Load() > 0 {
						mustOK(th.eml.Promote())
						mustOK(th.eml.Demote())
						mustOK(th.SafePoint())
						runtime.Gosched() // under free a promotion stops nobody: leave the workers the processors
					}
					return
				}
				defer workersLeft.Add(-1)
				a, b, da, db := l1, l2, d1, d2
				if i%2 == 1 {
					a, b, da, db = l2, l1, d2, d1
				}
				for r := 0; r < 1000 || th.csOn && contended.Load() < enough && time.Now().Before(deadline); r++ {
					if th.csOn && (a.mu.Locked() || b.mu.Locked()) {
						contended.Add(1)
					}
					mustOK(th.CriticalSection(a, func() error { th.Yield(); return nil }))
					mustOK(th.ListExtend(a, b))
					mustOK(th.dictUpdate(da, db))
					mustOK(th.SetSlice(a, th.rt.smallInts[-smallIntMin], th.rt.smallInts[1-smallIntMin], b))
					eq := must(th.Compare(a, b, CmpEq))
					th.Decref(eq)
					// Keep the lists short: trim back to one item.
					mustOK(th.SetSlice(a, th.rt.smallInts[1-smallIntMin], nil, nil))
					mustOK(th.SafePoint())
				}
			})
			s := rt.Stats()
			t.Logf("%d stops, %d times a worker found a pair's lock held before its two-object operation", s.Lock.Stops, contended.Load())
			if p == eml.PolicyEML && s.Lock.Stops == 0 {
				t.Errorf("the promoter never stopped the world")
			}
			if p != eml.PolicyGIL && contended.Load() == 0 {
				t.Errorf("in %v of rounds of two-object operations (each with a yield inside a section), no worker ever found the other's lock held: the test exercised no contention", contentionBudget)
			}
		})
	}
}

// contentionBudget bounds how long a test searches for the contention it
// must see: the search stops as soon as it has seen enough, which on a
// quiet machine is within milliseconds.
const contentionBudget = 30 * time.Second
