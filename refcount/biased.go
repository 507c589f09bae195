package refcount

import (
	"runtime"

	"github.com/rwgil/rwgil/internal/mutant"
)

// biasedStrategy is biased reference counting as in PEP 703 and CPython
// 3.13's free-threaded build. See the package documentation for the
// protocol; the invariants of each field are stated on Count.
//
// In the comments below, "true count" is the number of references that
// code holds. For an object in the default or queued state it is
// local + shared count - (1 if queued), since the queue holds a reference
// of its own; for a merged one it is shared count - (1 if queued).
type biasedStrategy struct {
	base
	bugs Bugs
}

// Bugs reintroduces into the biased strategy, for tests only, the shape of
// a bug CPython's free-threaded build had, so that a test can show the
// deterministic explorer of package schedule finds it and verifies the
// fix (docs/testing.md).
type Bugs struct {
	// MergeOwnerAfterPublish is gh-119999: a merge writes the owner
	// fields -- the local count and the owner -- after publishing the
	// merged count, when another thread may already have taken the count
	// to zero, deallocated the object and handed a new incarnation out:
	// the late writes clear the new incarnation's. The mutation harness's
	// refcount-biased-publish-first mutant turns on the same code.
	MergeOwnerAfterPublish bool
	// Yield, if set, is called where another thread may run: as a Decref
	// begins, and inside a merge between its writes of the owner fields
	// and its publishing of the count (in whichever order the merge makes
	// them).
	Yield func(by *Owner)
}

// WithBugs sets the Bugs of a Biased strategy, for tests; it reports
// whether s is one.
func WithBugs(s Strategy, b Bugs) bool {
	bs, ok := s.(*biasedStrategy)
	if ok {
		bs.bugs = b
	}
	return ok
}

// yield is where another thread may run inside the strategy: Bugs.Yield
// if a test set one, else, with the refcount-biased-publish-first mutant,
// a runtime.Gosched opening the window a preemption could.
func (s *biasedStrategy) yield(by *Owner) {
	switch {
	case s.bugs.Yield != nil:
		s.bugs.Yield(by)
	case mutant.On(mutant.BiasedPublishFirst):
		runtime.Gosched()
	}
}

func (s *biasedStrategy) Init(o Object, owner *Owner) {
	c := o.RefCount()
	if owner == nil {
		*c = Count{mode: modeCounted}
		c.shared.Store(sharedOne | stateMerged)
		return
	}
	*c = Count{mode: modeCounted, local: 1}
	c.owner.Store(owner)
}

func (s *biasedStrategy) Incref(o Object, by *Owner) {
	c := o.RefCount()
	if c.mode != modeCounted {
		s.notCounted(c, o, "incref", by)
		return
	}
	if c.owner.Load() == by {
		// Owner's thread: nobody else writes local. A live owned object
		// has local >= 1; local <= 0 means the owner deallocated it, and
		// the shared path below finds the poison and reports it.
		if n := c.local; n > 0 {
			c.local = n + 1
			return
		}
	}
	if c.shared.Add(sharedOne) < poisonBelow {
		s.raise(UseAfterFree, o, "incref", by)
	}
}

func (s *biasedStrategy) Decref(o Object, by *Owner) {
	s.yield(by)
	c := o.RefCount()
	if c.mode != modeCounted {
		s.notCounted(c, o, "decref", by)
		return
	}
	if c.owner.Load() == by {
		n := c.local - 1
		if n > 0 {
			c.local = n
			return
		}
		if n == 0 {
			s.mergeZero(c, o, by)
			return
		}
		// local was poisoned by the owner's own deallocation (or by is nil
		// and o merged): the shared word decides.
	}
	s.decrefShared(c, o, by)
}

// mergeZero runs on the owner's thread when its local count has just
// reached zero. If the shared word is exactly zero (default state, no
// shared references), the object is dead: swap in the poison and
// deallocate. The swap, not a plain load, is what makes this safe against a
// concurrent TryIncref on the shared count, and it is also the atomic read
// that orders every other thread's earlier updates before Dealloc (an
// ordinary or relaxed load here was CPython's gh-117657). Otherwise other
// threads still count through shared, so the owner gives up ownership: the
// object becomes merged and shared is its whole count from now on.
func (s *biasedStrategy) mergeZero(c *Count, o Object, by *Owner) {
	c.local = poisonLocal
	if mutant.On(mutant.BiasedLoadThenStore) {
		if c.shared.Load() == 0 {
			runtime.Gosched() // the window a preemption can open
			c.shared.Store(poisonShared)
			s.dealloc(o, by)
			return
		}
	} else if c.shared.CompareAndSwap(0, poisonShared) {
		s.dealloc(o, by)
		return
	}
	by.stats.zeroMerges.Add(1)
	s.merge(c, o, by, 0, 0, "decref")
}

// decrefShared drops a reference through the shared count: by is not the
// owner, or the object is merged.
func (s *biasedStrategy) decrefShared(c *Count, o Object, by *Owner) {
	for {
		sh := c.shared.Load()
		if sh < poisonBelow {
			s.raise(UseAfterFree, o, "decref", by)
			return
		}
		var next int64
		queue, dead := false, false
		switch st := sh & stateMask; {
		case sh == 0:
			// Default state, shared count zero: the reference being
			// dropped is one that the owner's local count holds. The
			// owner must do the arithmetic, so hand it the reference
			// instead of decrementing: mark queued and queue it.
			next, queue = stateQueued, true
		case st&stateMerged == 0:
			// Default with shared references, or queued (where shared
			// may go negative; the owner's merge sorts it out).
			next = sh - sharedOne
		default:
			// Merged: shared is the whole count, plus the queue's
			// reference if still queued, which only the owner's merge
			// may drop.
			floor := int64(0)
			if st&stateQueued != 0 {
				floor = 1
			}
			switch n := sh>>sharedShift - 1; {
			case n < floor:
				s.raise(NegativeCount, o, "decref", by)
				return
			case n == 0:
				next, dead = poisonShared, true
			default:
				next = sh - sharedOne
			}
		}
		if !c.shared.CompareAndSwap(sh, next) {
			continue
		}
		switch {
		case queue:
			s.enqueue(c, o, by)
		case dead:
			s.dealloc(o, by)
		}
		return
	}
}

// enqueue hands o, with the reference its caller was dropping, to o's owner.
// If the owner has exited, its local count is final and the caller merges
// at once.
func (s *biasedStrategy) enqueue(c *Count, o Object, by *Owner) {
	owner := c.owner.Load()
	if owner == nil {
		// Only a merge clears owner, and no merge can be under way while
		// shared was zero in the default state unless more references
		// were dropped than exist.
		s.raise(NegativeCount, o, "decref", by)
		return
	}
	owner.mu.Lock()
	if !owner.exited && mutant.On(mutant.BiasedEnqueueLost) {
		owner.mu.Unlock()
		return
	}
	if !owner.exited {
		owner.queue = append(owner.queue, o)
		owner.hasQueued.Store(true)
		owner.mu.Unlock()
		by.stats.queued.Add(1)
		return
	}
	owner.mu.Unlock()
	// ThreadExit set exited under mu after the owner's last write to any
	// local count, and we took mu after it, so reading local is ordered.
	// We marked o queued, so no other thread merges it.
	local := c.local
	by.stats.exitedMerges.Add(1)
	s.merge(c, o, by, local, -1, "decref")
}

// merge gives up o's ownership: it clears the owner fields and then
// publishes local into the shared word (publishMerge). The order is
// gh-119999's fix: once the count is published another thread may take it
// to zero, deallocate o and hand a new incarnation out, so nothing may
// write o's fields after it. With Bugs.MergeOwnerAfterPublish, or the
// refcount-biased-publish-first mutant, the order is reversed, and the
// window between the two is opened by yield (Bugs.Yield, or a
// runtime.Gosched for the mutant, where a preemption could fall in a real
// run).
func (s *biasedStrategy) merge(c *Count, o Object, by *Owner, local, extra int64, op string) {
	if s.bugs.MergeOwnerAfterPublish || mutant.On(mutant.BiasedPublishFirst) {
		s.publishMerge(c, o, by, local, extra, op)
		s.yield(by)
		c.local = 0
		c.owner.Store(nil)
		return
	}
	c.local = 0
	c.owner.Store(nil)
	s.yield(by)
	s.publishMerge(c, o, by, local, extra, op)
}

// publishMerge folds local (already read and cleared from the Count by the
// caller, who also cleared owner) into the shared word and marks it merged.
// extra is -1 when the caller is consuming the queue's reference (which
// clears the queued bit), 0 when not (the owner's local count reached zero;
// a queued bit stays, and with it the queue's reference). A merged count of
// zero is poisoned and deallocated by by; a negative one is reported and
// poisoned without calling Dealloc.
func (s *biasedStrategy) publishMerge(c *Count, o Object, by *Owner, local, extra int64, op string) {
	for {
		sh := c.shared.Load()
		if sh < poisonBelow {
			// The queue's reference keeps a queued object alive, so a
			// queued object is poisoned only by an earlier NegativeCount,
			// already reported; anything else is a use after free.
			if extra == 0 {
				s.raise(UseAfterFree, o, op, by)
			}
			return
		}
		keepQueued := extra == 0 && sh&stateQueued != 0
		total := sh>>sharedShift + local + extra
		var next int64
		negative, dead := false, false
		switch {
		case total < 0 || total == 0 && keepQueued:
			next, negative = poisonShared, true
		case total == 0:
			next, dead = poisonShared, true
		default:
			next = total<<sharedShift | stateMerged
			if keepQueued {
				next |= stateQueued
			}
		}
		if !c.shared.CompareAndSwap(sh, next) {
			continue
		}
		switch {
		case negative:
			s.raise(NegativeCount, o, op, by)
		case dead:
			s.dealloc(o, by)
		}
		return
	}
}

func (s *biasedStrategy) TryIncref(o Object, by *Owner) bool {
	c := o.RefCount()
	switch c.mode {
	case modeImmortal:
		return true
	case modeUninit:
		return false
	}
	if c.owner.Load() == by {
		if n := c.local; n > 0 {
			c.local = n + 1
			return true
		}
	}
	// Every deallocation decision is a compare-and-swap into the poison,
	// so an add that lands first keeps the object alive (the owner's
	// mergeZero then finds a nonzero shared count and merges), and one
	// that lands after finds the poison.
	return c.shared.Add(sharedOne) >= poisonBelow
}

// MergeQueued takes owner's queue and merges each object in it, consuming
// the queue's reference.
func (s *biasedStrategy) MergeQueued(owner *Owner) int {
	if !owner.hasQueued.Load() {
		return 0
	}
	q := s.takeQueue(owner)
	s.mergeAll(owner, q)
	return len(q)
}

// takeQueue swaps owner's queue for an empty one, reusing the previous
// backing array when there is one.
func (s *biasedStrategy) takeQueue(owner *Owner) []Object {
	spare := owner.spare
	owner.spare = nil
	owner.mu.Lock()
	q := owner.queue
	owner.queue = spare[:0]
	owner.hasQueued.Store(false)
	owner.mu.Unlock()
	return q
}

func (s *biasedStrategy) mergeAll(owner *Owner, q []Object) {
	for i, o := range q {
		q[i] = nil
		c := o.RefCount()
		owner.stats.queuedMerges.Add(1)
		if c.owner.Load() != nil {
			// Not yet merged by mergeZero: fold in local.
			s.merge(c, o, owner, c.local, -1, "merge")
			continue
		}
		s.publishMerge(c, o, owner, 0, -1, "merge")
	}
	if owner.spare == nil {
		owner.spare = q[:0]
	}
}

// ThreadExit merges until the queue is empty and, in the same critical
// section that finds it empty, marks owner exited. Merging first matters:
// a Dealloc run by a merge may drop references that owner's local counts
// hold, and no other thread may read those counts until owner is done.
func (s *biasedStrategy) ThreadExit(owner *Owner) {
	for {
		owner.mu.Lock()
		if owner.exited {
			owner.mu.Unlock()
			return
		}
		if len(owner.queue) == 0 {
			owner.exited = true
			owner.mu.Unlock()
			break
		}
		owner.mu.Unlock()
		s.mergeAll(owner, s.takeQueue(owner))
	}
	s.retire(owner)
}

func (s *biasedStrategy) Refcnt(o Object) int64 {
	c := o.RefCount()
	switch c.mode {
	case modeImmortal:
		return ImmortalRefcnt
	case modeUninit:
		return 0
	}
	sh := c.shared.Load()
	if sh < poisonBelow {
		return 0
	}
	n := sh >> sharedShift
	if c.owner.Load() != nil {
		n += c.local
	}
	if sh&stateQueued != 0 {
		n--
	}
	return n
}

func (s *biasedStrategy) Dead(o Object) bool {
	c := o.RefCount()
	return c.mode == modeCounted && c.shared.Load() < poisonBelow
}
