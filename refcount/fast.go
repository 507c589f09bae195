package refcount

import (
	"unsafe"

	"github.com/rwgil/rwgil/internal/mutant"
)

// The fast paths: the common increment and decrement of the plain and
// biased strategies, as methods on the Count that a caller inlines, so
// that the hot path of a runtime makes no interface call (to Strategy,
// or to Object.RefCount). A caller asks once, with LocalHolder, whether a
// strategy has them and what to pass; each fast path does the whole
// operation or reports that it did nothing, and the caller then makes the
// Strategy call, which redoes every check.

// LocalHolder returns what the fast paths take as by for s and the thread
// whose Owner is owner. Under plain it is nil (a plain count has no
// owner), under biased the owner itself. For the atomic, immortal and
// none strategies it is an Owner that no Count holds, so that the fast
// paths only skip immortal objects, which every strategy leaves alone;
// the same for a biased strategy given Bugs, whose tests want every
// counted Decref to reach the strategy (Yield).
func LocalHolder(s Strategy, owner *Owner) *Owner {
	switch s := s.(type) {
	case *plainStrategy:
		return nil
	case *biasedStrategy:
		if s.bugs.Yield == nil && !s.bugs.MergeOwnerAfterPublish {
			return owner
		}
	}
	return nobody
}

// nobody is the holder of no Count.
var nobody = &Owner{name: "nobody"}

// IncrefLocal is Incref's fast path: for an immortal object it does
// nothing and returns true; for a live object counted in the local count
// of holder (from LocalHolder) it adds the reference there and returns
// true. Otherwise it changes nothing and returns false, and the caller
// must call Strategy.Incref.
func (c *Count) IncrefLocal(holder *Owner) bool {
	if c.mode == modeCounted && c.owner.Load() == holder {
		if n := c.local; n > 0 {
			c.local = n + 1
			return true
		}
		return false
	}
	return c.mode == modeImmortal
}

// DecrefLocal is Decref's fast path: for an immortal object it does
// nothing and returns true; for a live object counted in holder's local
// count with more than one reference there it drops the reference and
// returns true. Otherwise (the last local reference, which may
// deallocate or merge, or a count holder does not keep) it changes
// nothing and returns false, and the caller must call Strategy.Decref.
func (c *Count) DecrefLocal(holder *Owner) bool {
	if c.mode == modeCounted && c.owner.Load() == holder {
		if n := c.local; n > 1 {
			c.local = n - 1
			return true
		}
		return false
	}
	return c.mode == modeImmortal
}

// InitLocal is Init's fast path under the plain and biased strategies
// (not the others), given the holder LocalHolder returned for the
// initializing thread: the object
// starts with one local reference, owned by holder (biased) or by nobody
// (plain), exactly as Init sets it. The owner is stored without an atomic
// instruction: like Init, InitLocal runs before the object is published,
// and the publication orders it before any other thread's atomic load.
func (c *Count) InitLocal(holder *Owner) {
	*c = Count{mode: modeCounted, local: 1}
	if holder != nil {
		*(*unsafe.Pointer)(unsafe.Pointer(&c.owner)) = unsafe.Pointer(holder)
	}
}

// DecrefLastLocal is the last-reference case of DecrefLocal for a leaf
// object (one whose Dealloc drops no references) that the caller
// deallocates itself, without the strategy's Decref and the Dealloc
// interface call. When holder (from LocalHolder) counts the object in its
// local count, that count is exactly one and no other thread counts it
// (plain: always; biased: the shared word is zero), it poisons the count,
// counts the deallocation on by (the thread doing it, as Decref would)
// and returns true: the object is dead, and the caller must do what its
// Dealloc would. Otherwise it changes nothing and returns false, and the
// caller must call Strategy.Decref.
//
// No thread may TryIncref the object (it must be in no cache that hands
// out pointers it does not count, as ints and floats a freelist reuses
// never are): the biased case decides by loading the shared word, where
// the strategy's own zero check must swap it. The caller must not be
// inside the object's own Dealloc; it may be inside
// another's, since a leaf's deallocation starts no chain (base.dealloc's
// pending list).
func (c *Count) DecrefLastLocal(holder, by *Owner) bool {
	// The owner first: only holder's thread may read local, as in
	// IncrefLocal and DecrefLocal.
	if c.mode != modeCounted || c.owner.Load() != holder || c.local != 1 {
		return false
	}
	if holder != nil {
		// Biased: the owner's count is the last, and a zero shared word
		// says no other thread holds a reference. No other can take one
		// either: that would need a pointer it does not count, and no
		// thread can TryIncref o. So a load decides, where mergeZero must
		// swap (its objects may sit in a cache), and the poison is an
		// ordinary store. (Under the mutant that breaks mergeZero's swap,
		// the strategy's path is taken, so the tests that kill it see it.)
		if mutant.On(mutant.BiasedLoadThenStore) || c.shared.Load() != 0 {
			return false
		}
		storeOwned(&c.shared, poisonShared)
	}
	c.local = poisonLocal
	bumpOwned(&by.stats.deallocations)
	return true
}

// Exclusive reports whether the count is exactly one reference, counted
// in holder's (from LocalHolder) local count, with nothing in the shared
// word: the caller, on holder's thread, holds the only reference there
// is, and no other thread can take one except through TryIncref on a
// pointer it does not count. A caller that owns that reference and knows
// no such pointer is handed out may then reuse the object in place (the
// eval loop's arithmetic on a temporary float).
func (c *Count) Exclusive(holder *Owner) bool {
	if c.mode != modeCounted || c.owner.Load() != holder || c.local != 1 {
		return false
	}
	return holder == nil || c.shared.Load() == 0
}

// SharedHolder returns what the shared fast paths (TryIncrefShared,
// IncrefShared, DecrefShared) take as holder for s and the thread whose
// Owner is owner: the owner itself under a biased strategy without Bugs,
// and nil otherwise, for which those fast paths do nothing.
func SharedHolder(s Strategy, owner *Owner) *Owner {
	if bs, ok := s.(*biasedStrategy); ok && bs.bugs.Yield == nil && !bs.bugs.MergeOwnerAfterPublish {
		return owner
	}
	return nil
}

// sharedFast reports whether the shared fast paths may count c for
// holder: a biased holder, a live counted object, and a count that holder
// does not own (the owner's own references go through the local count).
// Under the mutant that yields before every biased Decref they stay off,
// so that its window is opened on every path.
func (c *Count) sharedFast(holder *Owner) bool {
	return holder != nil && c.mode == modeCounted && c.owner.Load() != holder &&
		!mutant.On(mutant.BiasedPublishFirst)
}

// TryIncrefShared is TryIncref's fast path for an object another thread
// owns (or nobody does, once merged) under the biased strategy: the same
// atomic add to the shared word as the strategy's, whose result decides
// (a poisoned word means the object is dead or dying, and ok is false).
// done is false when the fast path does not apply (holder is not from
// SharedHolder, or holder owns the count): nothing was changed, and the
// caller must call Strategy.TryIncref.
func (c *Count) TryIncrefShared(holder *Owner) (done, ok bool) {
	if !c.sharedFast(holder) {
		return false, false
	}
	return true, c.shared.Add(sharedOne) >= poisonBelow
}

// IncrefShared is Incref's fast path for an object holder does not own,
// under the biased strategy: an atomic add to the shared word. It returns
// false, having changed nothing, when the fast path does not apply or the
// word is poisoned (a use after free, which the caller's Strategy.Incref
// then reports).
func (c *Count) IncrefShared(holder *Owner) bool {
	if !c.sharedFast(holder) {
		return false
	}
	if c.shared.Add(sharedOne) >= poisonBelow {
		return true
	}
	// Dead: take the add back, so that the strategy's own finds the
	// word as it was and reports it.
	c.shared.Add(-sharedOne)
	return false
}

// DecrefShared is Decref's fast path for an object holder does not own,
// under the biased strategy, in the two cases that only decrement the
// shared word: the default state (queued or not) with references counted
// there, and the merged state with more than the one reference being
// dropped. It makes one compare-and-swap and returns
// true if it landed; otherwise (the reference must be queued to the
// owner, or it is the last one, or the word changed meanwhile, or the
// fast path does not apply) it changes nothing and returns false, and the
// caller must call Strategy.Decref, which redoes every check.
func (c *Count) DecrefShared(holder *Owner) bool {
	if !c.sharedFast(holder) {
		return false
	}
	sh := c.shared.Load()
	if sh < poisonBelow || sh == 0 {
		return false
	}
	if sh&stateMerged != 0 && sh>>sharedShift <= 1 {
		// Merged, and the reference dropped is the last one (or, with
		// the queue's still counted, one too many): the strategy
		// deallocates or reports it.
		return false
	}
	return c.shared.CompareAndSwap(sh, sh-sharedOne)
}
