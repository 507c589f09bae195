package refcount

import (
	"math"
	"sync"
	"sync/atomic"
)

// Object is what a counted object implements. Core's objects embed a Count
// in their header and return it from RefCount.
type Object interface {
	// RefCount returns the Count embedded in the object's header. It must
	// return the same pointer every time.
	RefCount() *Count
	// Dealloc is called exactly once, when the object's true count reaches
	// zero, by the thread that found it zero. A container drops the
	// references it holds here, passing by on to those Decref calls. The
	// count is already poisoned when Dealloc runs, so a use of the object
	// from inside Dealloc is reported like any other use after free.
	Dealloc(by *Owner)
	// Describe returns a short name for reports, such as
	// "list object 0xc000123".
	Describe() string
}

// mode says how a Count is kept.
type mode uint8

const (
	modeUninit   mode = iota // zero value: Init has not run
	modeCounted              // counted by the strategy that ran Init
	modeImmortal             // never counted, never deallocated
)

// The shared word of the biased strategy is a signed count shifted left by
// sharedShift, with two state bits below it:
//
//	default (neither bit)  the owner may count in local; shared >= 0
//	stateQueued            the object sits in its owner's queue, and the
//	                       queue holds one reference, counted in local or
//	                       shared; shared may be negative
//	stateMerged            local has been folded into shared and owner is
//	                       nil; shared is the whole count
//	stateMerged|stateQueued  merged while still sitting in the queue; the
//	                       queue's reference is still in shared
//
// The atomic strategy keeps its whole count, unshifted, in the same word.
const (
	sharedShift = 2
	sharedOne   = 1 << sharedShift
	stateMask   = sharedOne - 1
	stateMerged = 1
	stateQueued = 2
)

// Poison values. A deallocated count is set to one of these and never
// leaves the poisoned range: atomic adds by later (mistaken) users move it
// by a few units, far from any real count, so "below poisonBelow" is the
// test for a dead object.
const (
	poisonShared = math.MinInt64 / 2
	poisonLocal  = math.MinInt64 / 2
	poisonBelow  = math.MinInt64 / 4
)

// ImmortalRefcnt is what Refcnt returns for an immortal object.
const ImmortalRefcnt int64 = math.MaxInt64

// Count is the reference count in an object's header. The zero value is not
// yet initialized: the strategy's Init or InitImmortal must set it up before
// the object is published to other threads. A Count must not be copied
// after first use. Which fields mean what depends on the strategy that
// initialized it; one Count is only ever used with one strategy.
type Count struct {
	// mode is written by Init or InitImmortal before the object is visible
	// to any other thread, and by Immortalize while no other thread runs,
	// never while another thread can reach the object, so every thread
	// reads it without synchronization. It is the
	// first check of every operation: anything but modeCounted leaves the
	// hot path (immortal objects return at once).
	mode mode

	// local is the owner's local count (biased) or the whole count
	// (plain). Only the owner's thread reads or writes it, with ordinary
	// loads and stores; under plain only the one running thread does.
	// Two other readers are allowed, each ordered after the owner's last
	// write by a happens-before edge: a thread merging for an owner that
	// has exited (the owner's queue mutex orders it after ThreadExit), and
	// Refcnt once the owner is quiescent. poisonLocal once the owner
	// deallocated the object; 0 once merged.
	local int64

	// owner is the thread that created the object and may count in local,
	// or nil once the counts are merged (biased only). Init sets it. A
	// merge clears it, and local, before publishing the merged state in
	// shared: once that state is visible another thread may take the count
	// to zero and deallocate, and nothing may write to the object after
	// that (CPython's gh-119999). Every operation loads it atomically to
	// decide between local and shared counting.
	owner atomic.Pointer[Owner]

	// shared is the shared count and state bits (biased), or the whole
	// count (atomic). Only ever read and changed atomically. Every
	// decision to deallocate is a successful compare-and-swap into
	// poisonShared, so exactly one thread makes it.
	shared atomic.Int64
}

// IsImmortal reports whether o was initialized with InitImmortal, or by the
// immortal strategy. Immortal objects are never counted and never
// deallocated, under every strategy.
func IsImmortal(o Object) bool {
	return o.RefCount().mode == modeImmortal
}

// Immortalize makes a live object counted by the biased strategy s
// immortal in place, forgetting the references counted so far: from then
// on every count of it is a no-op and it is never deallocated, as
// CPython 3.13's free-threaded build does to module-level functions,
// classes and modules when a program starts its first thread. It reports
// whether it did; it changes nothing for any other strategy (and for a
// biased one given Bugs, whose tests want every count), or for an object
// that is immortal already, not initialized, dead, or queued to its owner
// (the queue still holds it and will merge it).
//
// The caller must be the only thread that can reach o's count, with a
// happens-before edge to every other thread's next use of it: the world
// stopped, or a Sequencer running one thread at a time.
func Immortalize(s Strategy, o Object) bool {
	if bs, ok := s.(*biasedStrategy); !ok || bs.bugs.Yield != nil || bs.bugs.MergeOwnerAfterPublish {
		return false
	}
	c := o.RefCount()
	if c.mode != modeCounted {
		return false
	}
	if sh := c.shared.Load(); sh < poisonBelow || sh&stateQueued != 0 {
		return false
	}
	c.owner.Store(nil)
	c.shared.Store(0)
	c.local = 0
	c.mode = modeImmortal
	return true
}

func initImmortal(o Object) {
	*o.RefCount() = Count{mode: modeImmortal}
}

// Owner is one runtime thread's identity for reference counting: the owner
// of the objects it creates under the biased strategy, the queue that other
// threads hand its objects to, and its list of pending deallocations. Every
// operation takes the Owner of the thread doing it as by; an Owner is used
// by one thread at a time. Identity is the pointer, which is never reused
// while anything refers to it, so no thread id can be confused with a later
// one. Create Owners with Strategy.NewOwner.
type Owner struct {
	name string

	// Context is the runtime's own: the thread this Owner stands for, so
	// that a Dealloc hook, given only the Owner, can find it. Set it once,
	// before the Owner is used; refcount never reads it.
	Context any

	// Fields below are touched only by the thread this Owner stands for.

	// deallocating is set while this thread runs Dealloc hooks; a
	// deallocation found meanwhile is appended to pending instead of
	// running inside the current hook, so that a long chain of containers
	// is released by a loop, not by recursion (CPython's trashcan).
	deallocating bool
	pending      []Object
	// spare is the previous queue's backing array, reused by MergeQueued.
	spare []Object

	// stats are written only by this Owner's thread (atomically, or the
	// hottest with ordinary word stores: bumpOwned), so that Stats may
	// read them from any thread.
	stats ownerStats

	_ [64]byte // keep the fields other threads write off the lines above

	// mu guards queue and exited; other threads take it to hand objects
	// over, the owner to take them back.
	mu sync.Mutex
	// queue holds objects a non-owner found with a zero shared count when
	// dropping a reference; each one carries that reference (biased).
	queue []Object
	// exited is set by ThreadExit once the queue is empty for good; after
	// it, a queuing thread merges by itself.
	exited bool
	// hasQueued mirrors len(queue) > 0 so that MergeQueued at a safe point
	// with nothing queued costs one atomic load and no lock.
	hasQueued atomic.Bool

	// index is this Owner's slot in its strategy's registry, or -1 once
	// retired by ThreadExit; guarded by the registry's mutex.
	index int

	// Keep the next object in memory off these lines: another thread's
	// Owner allocated right after this one would otherwise share a cache
	// line with fields its thread writes at every deallocation.
	_ [128]byte
}

// Name returns the name given to NewOwner.
func (o *Owner) Name() string { return o.name }

// Deallocations counts the Dealloc hooks run on this Owner's thread; only
// that thread may call it (a deterministic scheduler's footprints use it
// to tell whether a stretch of the thread freed anything).
func (o *Owner) Deallocations() uint64 { return o.stats.deallocations.Load() }

// HasQueued reports whether other threads have handed objects to this
// Owner's queue (biased) that its next MergeQueued or ThreadExit merges.
func (o *Owner) HasQueued() bool { return o.hasQueued.Load() }

// String returns the name, for reports and logs.
func (o *Owner) String() string { return o.name }

func ownerName(o *Owner) string {
	if o == nil {
		return "<nil owner>"
	}
	return o.name
}

// ownerStats are one Owner's event counters.
type ownerStats struct {
	deallocations atomic.Uint64
	queued        atomic.Uint64
	queuedMerges  atomic.Uint64
	exitedMerges  atomic.Uint64
	zeroMerges    atomic.Uint64
}

func (s *ownerStats) addTo(t *Stats) {
	t.Deallocations += s.deallocations.Load()
	t.Queued += s.queued.Load()
	t.QueuedMerges += s.queuedMerges.Load()
	t.ExitedMerges += s.exitedMerges.Load()
	t.ZeroMerges += s.zeroMerges.Load()
}
