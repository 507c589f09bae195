package eml

import (
	"fmt"
	"math/bits"
	"sync/atomic"
	"time"
)

// Stats is a snapshot of a [Lock]'s counters. Counters only grow; the
// snapshot is not atomic across fields, so take it when the threads are
// quiet if the fields must agree exactly.
type Stats struct {
	Policy Policy
	Mutex  MutexKind
	// Threads is the number of registered, unclosed threads; Attached the
	// number of them attached (or parked for a stop) now.
	Threads, Attached int
	// Attaches counts successful Attach calls.
	Attaches uint64
	// Promotions and Demotions count Promote and Demote calls at any depth;
	// they are equal whenever no thread is promoted.
	Promotions, Demotions uint64
	// PromotionsBy counts PromoteFor calls by reason: which extension
	// module forced each promotion.
	PromotionsBy map[string]uint64
	// MaxDepth is the deepest promotion seen; CurrentDepth is the deepest
	// promotion held right now.
	MaxDepth, CurrentDepth int
	// Stops counts stop-the-worlds: outermost eml promotions (adaptive's
	// in eml mode), their re-promotion after Blocking, the sticky switch,
	// adaptive's forced switches to the GIL, and Inspect.
	Stops uint64
	// TimeToSafepoint is, per stop, the time from raising the stop bit to
	// every other thread parked or suspended.
	TimeToSafepoint Summary
	// ExclusiveHold is, per stop, how long the world stayed stopped.
	ExclusiveHold Summary
	// Parks counts threads parking at a safe point (or while attaching)
	// for a stop-the-world.
	Parks uint64
	// Resuspensions counts, over the stops, the threads the previous stop
	// had released that had not re-attached yet when a stop began: held
	// up again before they ran (zero unless Bugs.NoResumeTurn: a stopper
	// first lets them re-attach).
	Resuspensions uint64
	// Switches counts the GIL changing hands between threads.
	Switches uint64
	// Handoffs is, per hand-off of the GIL, the time from a holder letting
	// it go while threads waited for it to a waiter holding it: the waiter's
	// wake-up, during which nobody holds the GIL (gil, sticky after its
	// switch, adaptive in GIL mode). Adaptive's model charges a GIL this
	// much per switch interval (docs/eml.md).
	Handoffs Summary
	// DropRequests counts GIL holders dropping the GIL at a safe point
	// because a waiter asked (switch interval elapsed, or priority).
	DropRequests uint64
	// PriorityRequests counts waiters that asked for an immediate drop.
	PriorityRequests uint64
	// GILEnabled reports that a sticky lock has switched to the GIL, and
	// GILReason why (the module name passed to EnableGIL).
	GILEnabled bool
	GILReason  string
	// Adaptive is the adaptive policy's mode and switches.
	Adaptive AdaptiveStats
}

// Summary condenses a histogram of durations.
type Summary struct {
	Count         uint64
	Total         time.Duration
	P50, P99, Max time.Duration
}

func (s Summary) String() string {
	return fmt.Sprintf("n=%d p50=%v p99=%v max=%v", s.Count, s.P50, s.P99, s.Max)
}

// histogram records durations in log-linear buckets: for each power of two,
// histSub equal sub-buckets, so a quantile is within 1/histSub of the true
// value. Recording is lock-free; reading sums the buckets.
type histogram struct {
	buckets [64 * histSub]atomic.Uint64
	count   atomic.Uint64
	total   atomic.Int64
	max     atomic.Int64
}

const histSubBits = 3
const histSub = 1 << histSubBits

func histIndex(ns int64) int {
	if ns < histSub {
		return int(max(ns, 0))
	}
	exp := bits.Len64(uint64(ns)) - 1 - histSubBits // >= 0
	sub := int(ns>>exp) & (histSub - 1)
	return (exp+1)*histSub + sub
}

// histLower is the smallest value that lands in bucket i.
func histLower(i int) int64 {
	if i < histSub {
		return int64(i)
	}
	exp := i/histSub - 1
	sub := i % histSub
	return int64(histSub+sub) << exp
}

func (h *histogram) record(d time.Duration) {
	ns := int64(d)
	h.buckets[histIndex(ns)].Add(1)
	h.count.Add(1)
	h.total.Add(ns)
	for {
		m := h.max.Load()
		if ns <= m || h.max.CompareAndSwap(m, ns) {
			return
		}
	}
}

func (h *histogram) summary() Summary {
	s := Summary{Count: h.count.Load(), Total: time.Duration(h.total.Load()), Max: time.Duration(h.max.Load())}
	if s.Count == 0 {
		return s
	}
	var counts [len(h.buckets)]uint64
	var n uint64
	for i := range h.buckets {
		counts[i] = h.buckets[i].Load()
		n += counts[i]
	}
	quantile := func(q float64) time.Duration {
		rank := uint64(q*float64(n-1)) + 1
		var seen uint64
		for i, c := range counts {
			seen += c
			if seen >= rank {
				return min(time.Duration(histLower(i)), s.Max)
			}
		}
		return s.Max
	}
	s.P50, s.P99 = quantile(0.50), quantile(0.99)
	return s
}
