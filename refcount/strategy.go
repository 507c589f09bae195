package refcount

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Strategy counts references under one of the strategies of Kind. All its
// methods are safe for concurrent use, subject to each strategy's rules:
// plain needs one thread at a time, and every method that takes an Owner
// must be called by the thread that Owner stands for (by is "the thread
// doing this", never "some thread").
type Strategy interface {
	// Kind returns the strategy's kind.
	Kind() Kind
	// NewOwner registers a new thread and returns its Owner. Call
	// ThreadExit when the thread ends.
	NewOwner(name string) *Owner
	// Init sets up the count of a new object: count 1, held by the
	// caller, owned by owner (biased). A nil owner makes the object
	// shared from the start (biased: already merged). Init must run before
	// the object is published to other threads; a dead object may be
	// initialized again only when no other thread can reach it.
	Init(o Object, owner *Owner)
	// InitImmortal makes o immortal: never counted, never deallocated,
	// under every strategy (None, bools, small ints, interned strings).
	// The same publication rule as Init applies.
	InitImmortal(o Object)
	// Incref adds a reference; by must hold one already.
	Incref(o Object, by *Owner)
	// Decref drops a reference held by by. When it was the last, o is
	// deallocated (o.Dealloc(by) runs) before Decref returns; under the
	// biased strategy, dropping a reference that the owner's local count
	// holds may instead hand o to its owner's queue, to be merged, and
	// deallocated if dead, at the owner's next MergeQueued.
	Decref(o Object, by *Owner)
	// TryIncref adds a reference for a reader that holds none, such as a
	// lock-free lookup that found o in a container (CPython's
	// _Py_TryIncref). It returns false, and changes nothing, when o is
	// already dead or being deallocated; it never reports. Whether the
	// object is still the one the reader wanted is the caller's business.
	TryIncref(o Object, by *Owner) bool
	// MergeQueued merges the objects other threads have handed to owner's
	// queue and deallocates those whose merged count is zero. Only owner's
	// thread calls it, at its safe points; it returns how many objects it
	// merged. Strategies without queues return 0.
	MergeQueued(owner *Owner) int
	// ThreadExit is called by owner's thread as its last act: it merges
	// what is queued (as MergeQueued) and marks owner exited, so that a
	// thread queuing to owner later merges the object itself, at once.
	// Owner must not be used again afterwards. Calling it twice is
	// harmless.
	ThreadExit(owner *Owner)
	// Refcnt returns o's true count (biased: local plus shared, less the
	// queue's reference), 0 for a deallocated object, ImmortalRefcnt for
	// an immortal one and -1 where it is unknowable (none). It is exact
	// only when nothing is changing the count; it reads the owner's local
	// count without synchronization, so call it from the owner's thread
	// or once the owner is quiescent (for tests and leak reports).
	Refcnt(o Object) int64
	// Dead reports whether o has been deallocated: its count is poisoned.
	// Always false for immortal objects and under the immortal and none
	// strategies.
	Dead(o Object) bool
	// Stats returns the strategy's event counters, summed over all its
	// Owners.
	Stats() Stats
}

// Stats counts the events of one Strategy. It is a snapshot: counters are
// read one at a time while other threads may be adding to them.
type Stats struct {
	// Owners is how many Owners NewOwner created; Exited how many of them
	// have called ThreadExit.
	Owners, Exited int
	// Deallocations is how many times a Dealloc hook was called.
	Deallocations uint64
	// Queued is how many objects a non-owner handed to a live owner's
	// queue (biased).
	Queued uint64
	// QueuedMerges is how many queued objects their owner merged, at
	// MergeQueued or ThreadExit (biased).
	QueuedMerges uint64
	// ExitedMerges is how many objects a non-owner merged at once because
	// their owner had exited (biased).
	ExitedMerges uint64
	// ZeroMerges is how many objects became merged because their owner's
	// local count reached zero while the shared count did not (biased).
	ZeroMerges uint64
	// Reports is how many misuse reports were raised.
	Reports uint64
}

// Merges returns the number of merges of every sort.
func (s Stats) Merges() uint64 {
	return s.QueuedMerges + s.ExitedMerges + s.ZeroMerges
}

// New returns a strategy of kind k. Each misuse found is passed to report,
// which must be safe for concurrent use; when report is nil the strategy
// panics with the *Report instead, as the fatal error it is. New panics if
// k names no strategy.
func New(k Kind, report func(*Report)) Strategy {
	var s interface {
		Strategy
		setup(Kind, func(*Report))
	}
	switch k {
	case Plain:
		s = new(plainStrategy)
	case Atomic:
		s = new(atomicStrategy)
	case Biased:
		s = new(biasedStrategy)
	case Immortal:
		s = new(immortalStrategy)
	case None:
		s = new(noneStrategy)
	default:
		panic(fmt.Sprintf("refcount: New: %v is not a strategy", k))
	}
	s.setup(k, report)
	return s
}

// base holds what every strategy shares: its kind, the report hook, the
// registry of Owners for Stats, and deallocation.
type base struct {
	kind    Kind
	report  func(*Report)
	reports atomic.Uint64

	// mu guards the registry: owners lists the live Owners (each knows
	// its index), retired sums the counters of those that exited.
	mu      sync.Mutex
	owners  []*Owner
	retired Stats
}

func (b *base) setup(k Kind, report func(*Report)) {
	b.kind = k
	b.report = report
}

func (b *base) Kind() Kind { return b.kind }

func (b *base) NewOwner(name string) *Owner {
	o := &Owner{name: name}
	b.mu.Lock()
	o.index = len(b.owners)
	b.owners = append(b.owners, o)
	b.retired.Owners++
	b.mu.Unlock()
	return o
}

// retire folds an exited Owner's counters into the registry's totals and
// forgets it, so that a runtime starting many threads does not keep them
// all.
func (b *base) retire(o *Owner) {
	b.mu.Lock()
	defer b.mu.Unlock()
	i := o.index
	if i < 0 || i >= len(b.owners) || b.owners[i] != o {
		return
	}
	o.stats.addTo(&b.retired)
	b.retired.Exited++
	last := len(b.owners) - 1
	b.owners[i] = b.owners[last]
	b.owners[i].index = i
	b.owners[last] = nil
	b.owners = b.owners[:last]
	o.index = -1
}

func (b *base) Stats() Stats {
	b.mu.Lock()
	s := b.retired
	for _, o := range b.owners {
		o.stats.addTo(&s)
	}
	b.mu.Unlock()
	s.Reports = b.reports.Load()
	return s
}

// MergeQueued is a no-op for the strategies without queues.
func (b *base) MergeQueued(*Owner) int { return 0 }

// ThreadExit marks owner exited and retires it.
func (b *base) ThreadExit(owner *Owner) {
	owner.mu.Lock()
	owner.exited = true
	owner.mu.Unlock()
	b.retire(owner)
}

func (b *base) InitImmortal(o Object) { initImmortal(o) }

// raise reports a misuse: to the hook, or by panicking.
func (b *base) raise(kind ReportKind, o Object, op string, by *Owner) {
	b.reports.Add(1)
	r := &Report{Kind: kind, Strategy: b.kind, Object: o.Describe(), Op: op, By: ownerName(by)}
	if b.report == nil {
		panic(r)
	}
	b.report(r)
}

// notCounted handles an operation on a Count that is not modeCounted:
// immortal objects are left alone, uninitialized ones reported.
func (b *base) notCounted(c *Count, o Object, op string, by *Owner) {
	if c.mode != modeImmortal {
		b.raise(Uninitialized, o, op, by)
	}
}

// dealloc runs o's Dealloc hook on by's thread. The caller has already
// poisoned o's count, so o cannot be revived or deallocated twice. A
// deallocation found while by's thread is already inside a Dealloc hook is
// put on by.pending and run by the outermost call's loop once the current
// hook returns; the Go stack therefore stays one hook deep however long a
// chain of containers is. If a hook panics, the pending ones stay on the
// list and run at by's next deallocation.
func (b *base) dealloc(o Object, by *Owner) {
	if by == nil {
		panic("refcount: deallocating " + o.Describe() + " with a nil Owner")
	}
	if by.deallocating {
		by.pending = append(by.pending, o)
		return
	}
	by.deallocating = true
	defer by.stopDeallocating()
	bumpOwned(&by.stats.deallocations)
	o.Dealloc(by)
	for n := len(by.pending); n > 0; n = len(by.pending) {
		next := by.pending[n-1]
		by.pending[n-1] = nil
		by.pending = by.pending[:n-1]
		bumpOwned(&by.stats.deallocations)
		next.Dealloc(by)
	}
}

func (o *Owner) stopDeallocating() { o.deallocating = false }
