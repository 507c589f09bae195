package tests

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// Mutual exclusion of core's per-object critical sections, with real
// goroutines (docs/design.md, G2; core/critical.go). G2's linearizability
// tests check histories of a few operations, which a section that does
// not lock passes unless the race detector watches: the operations are
// too few and too short to collide. This test makes them collide: the
// threads of a round append to one list at once, as fast as they can, so
// that two appends are in flight together many thousands of times, and
// checks what only mutual exclusion guarantees -- no append is lost or
// written twice, and each thread's appends keep their order.

// sectionThreads and sectionAppends are a round: that many threads, each
// appending that many distinct ints to one fresh list.
const sectionThreads, sectionAppends = 3, 4000

// sectionBudget is how long each policy's search runs: rounds go on until
// it has run out and the appends have overlapped minSectionOverlaps times,
// or until realBudget, when the test fails saying what it tried.
const sectionBudget = 2 * time.Second

// minSectionOverlaps is the evidence the search needs that the threads
// ran at once: appends begun while another thread's append was in flight.
const minSectionOverlaps = 10_000

// TestCriticalSectionsExclude: under every policy whose threads run core
// code at the same time (all but gil: sticky before its switch to the
// GIL, adaptive while it is eml), threads released together from a barrier append to one list
// concurrently, and after every round the list holds exactly the values
// appended -- none lost, none twice -- with each thread's in the order it
// appended them, while every length a thread read on the way was at
// least the number of its own appends so far and at most the total. The
// search runs for sectionBudget and until the appends have overlapped
// minSectionOverlaps times; Runtime.Close then finds every reference
// balanced.
func TestCriticalSectionsExclude(t *testing.T) {
	for _, policy := range eml.Policies() {
		if policy == eml.PolicyGIL {
			continue // one thread at a time: sections do nothing
		}
		t.Run(policy.String(), func(t *testing.T) {
			rt, err := core.NewRuntime(core.Config{Policy: policy})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			rounds, overlaps := 0, int64(0)
			for rounds == 0 || time.Since(start) < sectionBudget || overlaps < minSectionOverlaps && time.Since(start) < realBudget {
				n, err := sectionRound(rt)
				if err != nil {
					t.Fatalf("policy %v, round %d of %d threads x %d appends to one list (%d of its appends began while another thread's was in flight): %v\n"+
						"expected: a list's critical section makes its appends mutually exclusive",
						policy, rounds+1, sectionThreads, sectionAppends, n, err)
				}
				rounds++
				overlaps += n
			}
			if err := rt.Close(); err != nil {
				t.Fatalf("policy %v: Runtime.Close after %d rounds: %v\nexpected: every reference the appends took balanced", policy, rounds, err)
			}
			if overlaps < minSectionOverlaps {
				t.Fatalf("policy %v: in %d rounds (%v) of %d threads x %d appends, released together from a barrier, an append began while another thread's was in flight only %d times (want %d): the threads did not run at once, so mutual exclusion was not exercised",
					policy, rounds, time.Since(start).Round(time.Millisecond), sectionThreads, sectionAppends, overlaps, minSectionOverlaps)
			}
			t.Logf("policy %v: %d rounds in %v, %d appends began while another was in flight", policy, rounds, time.Since(start).Round(time.Millisecond), overlaps)
		})
	}
}

// sectionRound runs one round on rt and returns how many appends began
// while another thread's append was in flight, and what broke, if
// anything.
func sectionRound(rt *core.Runtime) (int64, error) {
	main := rt.NewThread("MainThread")
	if err := main.Attach(); err != nil {
		return 0, fmt.Errorf("main Attach: %w", err)
	}
	l := main.NewList(nil)
	if err := main.Detach(); err != nil {
		return 0, fmt.Errorf("main Detach: %w", err)
	}
	var (
		inFlight, overlaps atomic.Int64
		attached           atomic.Int32
		wg                 sync.WaitGroup
		errs               = make([]error, sectionThreads)
	)
	for w := range sectionThreads {
		th := rt.NewThread(fmt.Sprintf("Thread-%d", w+1))
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = sectionWorker(th, w, l, &attached, &inFlight, &overlaps)
		}()
	}
	wg.Wait()
	var firstErr error
	for _, err := range errs {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := main.Attach(); err != nil {
		return overlaps.Load(), fmt.Errorf("main Attach: %w", err)
	}
	// Checked (and emptied) even after a worker's error: a list holding
	// an empty slot must not be deallocated.
	if err := sectionCheck(main, l); firstErr == nil {
		firstErr = err
	}
	main.Decref(l)
	if err := main.Detach(); err != nil && firstErr == nil {
		firstErr = fmt.Errorf("main Detach: %w", err)
	}
	if err := main.Close(); err != nil && firstErr == nil {
		firstErr = fmt.Errorf("main Close: %w", err)
	}
	return overlaps.Load(), firstErr
}

// sectionValue is the value thread w appends as its i-th: distinct, and
// above the small ints, so each is a counted object of its own.
func sectionValue(w, i int) int64 { return int64(1000 + w*sectionAppends + i) }

// sectionWorker is thread w of a round: it attaches, waits at the barrier
// (polling safe points, so that no policy holds the others up), then
// appends its values to l, reading len(l) every eighth append.
func sectionWorker(th *core.Thread, w int, l *core.List, attached *atomic.Int32, inFlight, overlaps *atomic.Int64) error {
	if err := th.Attach(); err != nil {
		attached.Add(1) // do not hold the others up
		return fmt.Errorf("thread %d: Attach: %w", w, err)
	}
	for attached.Add(1); attached.Load() < sectionThreads; {
		if err := th.SafePoint(); err != nil {
			return fmt.Errorf("thread %d: safe point at the barrier: %w", w, err)
		}
		runtime.Gosched()
	}
	var err error
	for i := range sectionAppends {
		x := th.NewInt(sectionValue(w, i))
		if inFlight.Add(1) > 1 {
			overlaps.Add(1)
		}
		aerr := th.ListAppend(l, x)
		inFlight.Add(-1)
		th.Decref(x)
		if aerr != nil {
			err = fmt.Errorf("thread %d: append %d raised %v", w, i, aerr)
			th.Discard(aerr)
			break
		}
		if i%8 == 7 {
			if n := th.ListLen(l); n < i+1 || n > sectionThreads*sectionAppends {
				err = fmt.Errorf("thread %d read len(L) = %d after its own %d appends (of %d in all): an append was lost or counted twice", w, n, i+1, sectionThreads*sectionAppends)
				break
			}
		}
		if i%256 == 255 {
			if perr := th.SafePoint(); perr != nil {
				err = fmt.Errorf("thread %d: safe point: %w", w, perr)
				break
			}
		}
	}
	if derr := th.Detach(); derr != nil && err == nil {
		err = fmt.Errorf("thread %d: Detach: %w", w, derr)
	}
	if cerr := th.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("thread %d: Close: %w", w, cerr)
	}
	return err
}

// sectionCheck empties l (th attached, the workers done) and checks what
// it held: every value appended exactly once, each thread's in its order.
// It pops the items rather than reading them, so that a slot no append
// filled (a nil, which lost appends can leave) is reported, not
// dereferenced, and the list is left empty whatever it held.
func sectionCheck(th *core.Thread, l *core.List) error {
	want := sectionThreads * sectionAppends
	var items []int64 // from the last to the first; -1 for an empty slot
	var firstErr error
	for {
		x, err := th.ListPop(l, -1)
		if core.IsExceptionNamed(err, "IndexError") {
			th.Discard(err)
			break
		} else if err != nil {
			th.Discard(err)
			return fmt.Errorf("L.pop() raised %v", err)
		}
		// An item slot is two words, type and pointer: two appends
		// writing it at once can leave either one nil.
		if i, isInt := x.(*core.Int); x == nil || isInt && i == nil {
			items = append(items, -1)
			continue
		}
		v, err := g2IntValue(x)
		th.Decref(x)
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("L[%d]: %v", len(items), err)
		}
		items = append(items, v)
	}
	if firstErr != nil {
		return firstErr
	}
	if len(items) != want {
		return fmt.Errorf("len(L) = %d after %d threads appended %d items each; want %d: appends were lost (or written twice)", len(items), sectionThreads, sectionAppends, want)
	}
	next := make([]int, sectionThreads) // each thread's next expected index
	for n := range want {
		i, v := n, items[want-1-n]
		if v < 0 {
			return fmt.Errorf("L[%d] is an empty slot: an append was lost", i)
		}
		k := v - 1000
		if k < 0 || k >= int64(want) {
			return fmt.Errorf("L[%d] = %d, which no thread appended", i, v)
		}
		w, j := int(k)/sectionAppends, int(k)%sectionAppends
		if j != next[w] {
			return fmt.Errorf("L[%d] = %d, thread %d's append %d, but its next append in order is %d: an append was lost, written twice or reordered", i, v, w, j, next[w])
		}
		next[w]++
	}
	return nil
}
