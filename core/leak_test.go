package core

import (
	"fmt"
	"testing"

	"github.com/rwgil/rwgil/refcount"
)

// TestNoLeaksNoUseAfterFree runs a workload that hands objects between
// threads -- one thread builds containers and strs, others take them out
// of a shared list, read and drop them -- under every policy with every
// refcount strategy valid for it. The runtime must close with no object
// left alive (for the strategies that deallocate) and no refcount misuse
// report (no use after free, no count below zero). Under biased counting
// the hand-overs must have exercised the queue-and-merge path.
func TestNoLeaksNoUseAfterFree(t *testing.T) {
	for _, cfg := range policyRefcounts() {
		t.Run(cfgName(cfg), func(t *testing.T) {
			rt, th := testRuntime(t, cfg)
			shared := th.NewList(nil)
			mustOK(th.Detach())
			const producers, consumers, items = 2, 2, 400
			runThreads(t, rt, producers+consumers, func(i int, th *Thread) {
				if i < producers {
					for k := 0; k < items; k++ {
						s := th.NewStr(fmt.Sprintf("item %d of %d", k, i))
						inner := th.NewList([]Object{th.NewInt(int64(k * 1000)), s})
						d := th.NewDict()
						// A list is unhashable: the error path must not leak either.
						if name := excName(th, th.DictSet(d, inner, th.rt.None)); name != "TypeError" {
							panic("d[list] = None: want TypeError, got " + name)
						}
						th.Decref(d)
						tup := th.NewTuple([]Object{inner, th.NewFloat(float64(k))})
						th.ListAppend(shared, tup)
						th.Decref(tup)
						if k%50 == 0 {
							mustOK(th.SafePoint())
						}
					}
					return
				}
				for got := 0; got < items*producers/consumers; {
					x, err := th.ListPop(shared, -1)
					if err != nil {
						th.Discard(err)
						mustOK(th.SafePoint())
						continue
					}
					r := must(th.Repr(x))
					_ = r
					th.Decref(x)
					got++
					if got%50 == 0 {
						mustOK(th.SafePoint())
					}
				}
			})
			mustOK(th.Attach())
			th.Decref(shared)
			s := rt.Stats()
			if s.Reports != 0 {
				t.Fatalf("%d refcount misuse reports: %v", s.Reports, rt.Reports())
			}
			if cfg.Refcount == refcount.Biased {
				rs := s.Refcount
				t.Logf("biased: %d queued, %d queued merges, %d exited-owner merges, %d zero merges", rs.Queued, rs.QueuedMerges, rs.ExitedMerges, rs.ZeroMerges)
				if rs.Merges() == 0 {
					t.Errorf("biased: objects passed between threads, but no merge happened")
				}
			}
		})
	}
}
