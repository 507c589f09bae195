package tests

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/refcount"
)

// g6Obj is an object for G6 at the strategy level: it counts its
// deallocations.
type g6Obj struct {
	rc       refcount.Count
	deallocs atomic.Int32
	lastBy   atomic.Pointer[refcount.Owner]
}

func (o *g6Obj) RefCount() *refcount.Count { return &o.rc }
func (o *g6Obj) Describe() string          { return "g6 object" }
func (o *g6Obj) Dealloc(by *refcount.Owner) {
	o.deallocs.Add(1)
	o.lastBy.Store(by)
}

// TestG6TryIncrefRacesLastDecref: G6 for the strategies' lock-free read,
// TryIncref (PEP 703's _Py_TryIncref, what a dict or list read without a
// lock uses to take a reference to an item another thread may be
// dropping), with real goroutines. Each round an owner drops its last
// reference while a reader takes and drops references with TryIncref in
// a loop: the object is deallocated exactly once, never while the reader
// holds a reference TryIncref gave it, and no misuse is reported. The
// runtime has no lock-free reads yet, so no program reaches this race;
// the test drives the strategies directly. It runs until the reader has
// won the race -- its TryIncref landed before the owner's last
// decrement, so the reader's own decrement deallocated -- minWins times
// (evidence that the two overlapped), or for realBudget.
func TestG6TryIncrefRacesLastDecref(t *testing.T) {
	const minWins = 50
	for _, k := range []refcount.Kind{refcount.Atomic, refcount.Biased} {
		t.Run(k.String(), func(t *testing.T) {
			var mu sync.Mutex
			var reports []string
			s := refcount.New(k, func(r *refcount.Report) {
				mu.Lock()
				defer mu.Unlock()
				reports = append(reports, r.Error())
			})
			owner, reader := s.NewOwner("owner"), s.NewOwner("reader")
			var revived atomic.Int64
			rounds, wins := 0, 0
			start := time.Now()
			for wins < minWins && (rounds == 0 || time.Since(start) < realBudget) {
				o := &g6Obj{}
				s.Init(o, owner)
				var wg sync.WaitGroup
				started := make(chan struct{})
				wg.Add(2)
				go func() {
					defer wg.Done()
					close(started)
					for i := 0; i < 1<<12 && s.TryIncref(o, reader); i++ {
						if o.deallocs.Load() != 0 {
							revived.Add(1)
						}
						s.Decref(o, reader)
						if i%8 == 7 {
							runtime.Gosched() // let the owner run on a busy machine
						}
					}
				}()
				go func() {
					defer wg.Done()
					<-started
					for range rounds % 8 {
						runtime.Gosched() // vary who gets there first
					}
					s.Decref(o, owner)
				}()
				wg.Wait()
				rounds++
				if n := o.deallocs.Load(); n != 1 {
					t.Fatalf("round %d: deallocated %d times, want once", rounds, n)
				}
				if o.lastBy.Load() == reader {
					wins++
				}
			}
			if n := revived.Load(); n != 0 {
				t.Errorf("TryIncref gave the reader a reference to a deallocated object %d times in %d rounds", n, rounds)
			}
			mu.Lock()
			if len(reports) > 0 {
				t.Errorf("%d misuse reports in %d rounds, the first: %s", len(reports), rounds, reports[0])
			}
			mu.Unlock()
			if wins < minWins {
				t.Fatalf("in %d rounds (%v) the reader's TryIncref beat the owner's last decrement only %d times (want %d): the race was not exercised",
					rounds, time.Since(start).Round(time.Millisecond), wins, minWins)
			}
			t.Logf("%v: %d rounds, the reader deallocated in %d", k, rounds, wins)
		})
	}
}

// g6Recycled is an object whose Dealloc re-initializes it at once, owned
// by the deallocating thread, as the runtime's int and float freelists
// reuse a deallocated object.
type g6Recycled struct {
	g6Obj
	s refcount.Strategy
}

func (o *g6Recycled) Dealloc(by *refcount.Owner) {
	o.g6Obj.Dealloc(by)
	o.s.Init(o, by)
}

// TestG6MergeRacesLastDecref: G6 for the biased strategy's merge, with
// real goroutines. Each round the owner holds two references (its local
// count) and another thread one (the shared count); the owner drops its
// two -- its local count reaching zero merges the object -- while the
// other drops its one, which may deallocate, and Dealloc re-initializes
// the object for the deallocating thread, as a freelist would. Whatever
// the order, the object is deallocated exactly once a round, the new
// incarnation's count is one, and nothing is reported. A merge that
// wrote the owner fields after publishing the merged count (CPython's
// gh-119999) would write over the new incarnation's. It runs until the
// merge ran minMerges times and the other thread deallocated minWins
// times (evidence that the two raced), or for realBudget.
func TestG6MergeRacesLastDecref(t *testing.T) {
	const minMerges, minWins = 50_000, 50_000
	var mu sync.Mutex
	var reports []string
	s := refcount.New(refcount.Biased, func(r *refcount.Report) {
		mu.Lock()
		defer mu.Unlock()
		reports = append(reports, r.Error())
	})
	p, q := s.NewOwner("p"), s.NewOwner("q")
	o := &g6Recycled{s: s}
	s.Init(o, p)
	owner, other := p, q
	rounds, wins := 0, 0
	start := time.Now()
	for (s.Stats().ZeroMerges < minMerges || wins < minWins) && (rounds == 0 || time.Since(start) < realBudget) {
		var wg sync.WaitGroup
		handOver, handBack := make(chan struct{}, 1), make(chan struct{}, 1)
		wg.Add(2)
		go func() { // the owner: local 1 -> 2, one reference to other
			defer wg.Done()
			s.Incref(o, owner)
			handOver <- struct{}{}
			<-handBack
			s.Decref(o, owner)
			for range rounds % 4 {
				runtime.Gosched()
			}
			s.Decref(o, owner) // local reaches zero: merge or deallocate
		}()
		go func() { // the other: shared 1, its reference dropped
			defer wg.Done()
			<-handOver
			s.Incref(o, other)
			handBack <- struct{}{}
			for range rounds % 8 {
				runtime.Gosched()
			}
			s.Decref(o, other)
		}()
		wg.Wait()
		rounds++
		if n := o.deallocs.Load(); n != int32(rounds) {
			t.Fatalf("round %d: %d deallocations in all, want one a round", rounds, n)
		}
		if o.lastBy.Load() == other {
			wins++
			owner, other = other, owner // the deallocating thread owns the new incarnation
		}
		if n := s.Refcnt(o); n != 1 {
			t.Fatalf("round %d: the new incarnation's count is %d, want 1", rounds, n)
		}
	}
	mu.Lock()
	if len(reports) > 0 {
		t.Errorf("%d misuse reports in %d rounds, the first: %s", len(reports), rounds, reports[0])
	}
	mu.Unlock()
	merges := s.Stats().ZeroMerges
	if merges < minMerges || wins < minWins {
		t.Fatalf("in %d rounds (%v) the owner's merge ran %d times and the other thread deallocated %d times (want %d and %d): the race was not exercised",
			rounds, time.Since(start).Round(time.Millisecond), merges, wins, minMerges, minWins)
	}
	t.Logf("%d rounds: %d merges, the other thread deallocated in %d", rounds, merges, wins)
}
