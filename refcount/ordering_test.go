package refcount_test

import (
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rwgil/rwgil/refcount"
)

// TestBiasedReuseInDealloc: Dealloc re-initializes the object at once, as
// a free list would, owned by the thread that deallocated it. Each round,
// the owner's local count reaching zero (a merge) races with the other
// thread's last shared decrement. A merge that wrote the owner fields after
// publishing the merged count (gh-119999) would write over the new
// owner's fields: a data race under -race, and a wrong count after.
func TestBiasedReuseInDealloc(t *testing.T) {
	const rounds = 2000
	s, reps := newStrategy(refcount.Biased)
	p, q := s.NewOwner("p"), s.NewOwner("q")
	o := newObj(s, "recycled")
	o.hook = func(o *obj, by *refcount.Owner) { s.Init(o, by) }
	s.Init(o, p)
	owner, other := p, q
	for r := range rounds {
		var wg sync.WaitGroup
		handOver, handBack := make(chan struct{}, 1), make(chan struct{}, 1)
		wg.Add(2)
		go func() { // the owner: local 1 -> 2, one reference to other
			defer wg.Done()
			s.Incref(o, owner)
			handOver <- struct{}{}
			<-handBack
			s.Decref(o, owner)
			spin(r / 8)
			s.Decref(o, owner) // local reaches zero: merge or deallocate
		}()
		go func() { // the other: shared 1, one reference back
			defer wg.Done()
			<-handOver
			s.Incref(o, other)
			handBack <- struct{}{}
			spin(r)
			s.Decref(o, other)
		}()
		wg.Wait()
		require.Equal(t, int32(r+1), o.deallocs.Load(), "round %d: deallocations", r)
		// The deallocating thread owns the new incarnation.
		if o.lastBy.Load() != owner {
			owner, other = other, owner
		}
		require.Equal(t, int64(1), s.Refcnt(o), "round %d: new incarnation's count", r)
	}
	require.Empty(t, reps.all())
	st := s.Stats()
	t.Logf("%d rounds: %d zero merges", rounds, st.ZeroMerges)
	require.Positive(t, st.ZeroMerges, "the merge path never ran")
}

// spin yields a varying number of times (0 to 7), so that which thread
// gets there first varies from round to round.
func spin(r int) {
	for range r % 8 {
		runtime.Gosched()
	}
}

// TestBiasedThreadExitWithContainer: an exiting owner merges a queued
// container, whose Dealloc drops an item through the owner's local count,
// while another thread drops its own reference to the same item. Had
// ThreadExit marked the owner exited before its queue was empty, the other
// thread would merge the item by itself, reading the local count the
// owner is still writing: a data race under -race.
func TestBiasedThreadExitWithContainer(t *testing.T) {
	const rounds = 300
	for r := range rounds {
		s, reps := newStrategy(refcount.Biased)
		a, b := s.NewOwner("a"), s.NewOwner("b")
		box, item := newObj(s, "box"), newObj(s, "item")
		s.Init(box, a)
		s.Init(item, a)
		s.Incref(item, a) // local 2: one for box, one for b
		box.items = []*obj{item}
		// b holds box's only reference and one of item's, both counted in
		// a's local counts.
		queued := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			s.Decref(box, b) // queued to a
			close(queued)
			spin(r)
			s.Decref(item, b) // queued to a, or merged by b once a has exited
		}()
		go func() {
			defer wg.Done()
			<-queued
			spin(r / 8)
			s.ThreadExit(a)
		}()
		wg.Wait()
		require.Equal(t, int32(1), box.deallocs.Load(), "round %d: box", r)
		require.Equal(t, int32(1), item.deallocs.Load(), "round %d: item", r)
		require.Empty(t, reps.all(), "round %d", r)
	}
}

// TestBiasedReuseAfterExitedMerge: the owner has exited, so the first of
// two threads to drop a reference that its local count holds merges the
// object itself; the second may then take the merged count to zero and
// deallocate, and Dealloc re-initializes the object. Had the merging
// thread cleared the owner fields after publishing the merged count, it
// would write over the new incarnation: a data race under -race.
func TestBiasedReuseAfterExitedMerge(t *testing.T) {
	const rounds = 1000
	s, reps := newStrategy(refcount.Biased)
	y, z := s.NewOwner("y"), s.NewOwner("z")
	o := newObj(s, "recycled")
	o.hook = func(o *obj, by *refcount.Owner) { s.Init(o, by) }
	for r := range rounds {
		x := s.NewOwner("x")
		s.Init(o, x) // the previous incarnation's holder gave it up to the pool
		s.Incref(o, x)
		s.ThreadExit(x) // x handed one reference each to y and z, then exited
		var wg sync.WaitGroup
		wg.Add(2)
		for i, me := range []*refcount.Owner{y, z} {
			go func() {
				defer wg.Done()
				spin(r >> (3 * i))
				s.Decref(o, me)
			}()
		}
		wg.Wait()
		require.Equal(t, int32(r+1), o.deallocs.Load(), "round %d: deallocations", r)
		require.Equal(t, int64(1), s.Refcnt(o), "round %d: new incarnation's count", r)
	}
	require.Empty(t, reps.all())
	st := s.Stats()
	t.Logf("%d rounds: %d exited merges", rounds, st.ExitedMerges)
	require.GreaterOrEqual(t, st.ExitedMerges, uint64(rounds), "every round merges for an exited owner")
}

// TestBiasedTryIncrefRacesLastDecref: a reader spins on TryIncref while the
// owner drops the only reference. The owner's decision that the object is
// dead must be one atomic step with the poisoning (a compare-and-swap):
// with a separate load and store, a reader's increment landing in between
// would hold a reference to an object being deallocated.
func TestBiasedTryIncrefRacesLastDecref(t *testing.T) {
	const rounds = 3000
	s, reps := newStrategy(refcount.Biased)
	owner, reader := s.NewOwner("owner"), s.NewOwner("reader")
	var revived, readerWon int
	for r := range rounds {
		o := newObj(s, "o")
		s.Init(o, owner)
		var wg sync.WaitGroup
		started := make(chan struct{})
		wg.Add(2)
		go func() {
			defer wg.Done()
			close(started)
			for i := 0; i < 1<<14 && s.TryIncref(o, reader); i++ {
				if o.deallocs.Load() != 0 {
					revived++
				}
				s.Decref(o, reader)
				if i%8 == 7 {
					runtime.Gosched() // let the owner run with GOMAXPROCS=1
				}
			}
		}()
		go func() {
			defer wg.Done()
			<-started
			spin(r)
			s.Decref(o, owner)
		}()
		wg.Wait()
		require.Equal(t, int32(1), o.deallocs.Load(), "round %d: deallocations", r)
		if o.lastBy.Load() == reader {
			readerWon++
		}
	}
	require.Zero(t, revived, "TryIncref succeeded on a deallocated object")
	require.Empty(t, reps.all())
	t.Logf("%d rounds: the reader deallocated in %d", rounds, readerWon)
}
