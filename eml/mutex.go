package eml

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// exclusive is a blocking mutual-exclusion primitive of one [MutexKind].
// Any goroutine may unlock it (the FIFO queue below opens a successor's
// gate from the predecessor's goroutine).
type exclusive interface {
	lock(w *Waiter)
	tryLock() bool
	unlock()
}

// newExclusive builds the primitive for kind. Under a custom scheduler a
// sync.Mutex cannot block through the scheduler, so MutexSync becomes a
// parking lock with the same barging semantics, and MutexSpin parks after
// one yield instead of spinning forever.
func newExclusive(kind MutexKind, s Scheduler, custom bool) exclusive {
	switch kind {
	case MutexEvent:
		return &handoffLock{sched: s}
	case MutexSpin:
		if custom {
			return &bargeLock{sched: s, yields: 1}
		}
		return &bargeLock{sched: s, yields: spinYields}
	case MutexSpinPark:
		return &bargeLock{sched: s, spins: spinParkSpins}
	default:
		if custom {
			return &bargeLock{sched: s}
		}
		return &syncMutex{}
	}
}

// spinParkSpins is how many times a spinpark waiter retries before parking:
// enough to ride out a hand-off between two running cores, short enough
// not to burn a time slice.
const spinParkSpins = 100

// spinYields is how many times a spin waiter yields its processor before
// it parks: CPython's PyMutex spins MAX_SPIN_COUNT = 40 times, yielding
// each time, before it parks. The first spin kind yielded forever, and
// with more threads than cores a yielding waiter starved: it went to the
// back of the run queue at every yield while the threads that were
// running took the GIL from each other, through hundreds of hand-offs
// (TestGILHandoffFairness).
const spinYields = 40

// syncMutex is MutexSync under the real scheduler.
type syncMutex struct{ mu sync.Mutex }

func (m *syncMutex) lock(*Waiter)  { m.mu.Lock() }
func (m *syncMutex) tryLock() bool { return m.mu.TryLock() }
func (m *syncMutex) unlock()       { m.mu.Unlock() }

// handoffLock is MutexEvent: waiters queue in arrival order and unlock hands
// ownership directly to the first of them, which must then be scheduled
// before anyone can run -- the hand-off that made the old event-based GIL
// slow and fair.
type handoffLock struct {
	sched Scheduler

	mu    sync.Mutex // leaf; guards the fields below
	held  bool
	queue []*Waiter // waiting, in arrival order; ownership passes to queue[0]
}

func (h *handoffLock) lock(w *Waiter) {
	h.mu.Lock()
	if !h.held {
		h.held = true
		h.mu.Unlock()
		return
	}
	w.granted.Store(false)
	h.queue = append(h.queue, w)
	h.mu.Unlock()
	for !w.granted.Load() {
		h.sched.Park(w)
	}
}

func (h *handoffLock) tryLock() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.held {
		return false
	}
	h.held = true
	return true
}

func (h *handoffLock) unlock() {
	h.mu.Lock()
	if len(h.queue) == 0 {
		h.held = false
		h.mu.Unlock()
		return
	}
	next := h.queue[0]
	n := copy(h.queue, h.queue[1:])
	h.queue[n] = nil
	h.queue = h.queue[:n]
	h.mu.Unlock()
	next.granted.Store(true) // held stays true: ownership moves to next
	h.sched.Unpark(next)
}

// bargeLock is a test-and-set lock with a parking fallback: a waiter
// retries spins times at once, then yields up to yields times (forever if
// yields < 0), then parks in a queue. Unlock frees the lock before waking
// the first parked waiter, so a running thread may barge in ahead of it --
// but only once: a woken waiter that loses the race goes back to the head
// of the queue and the next unlock hands the lock to it directly, without
// freeing it (Go's sync.Mutex and CPython's PyMutex do the same after a
// waiter has waited a millisecond; counting lost races instead of time
// keeps the bound independent of the machine's load). Barging keeps the
// lock fast; the hand-off keeps a parked waiter from starving.
type bargeLock struct {
	sched  Scheduler
	spins  int
	yields int

	held     atomic.Bool
	waiters  atomic.Int32  // queued or about to queue; unlock takes mu if > 0
	releases atomic.Uint32 // counts unlocks, so a yielding waiter sees it lost a race

	mu      sync.Mutex // leaf; guards queue and handoff
	queue   []*Waiter
	handoff bool // the head of queue lost a race after it was woken
}

func (b *bargeLock) tryLock() bool { return b.held.CompareAndSwap(false, true) }

func (b *bargeLock) lock(w *Waiter) {
	// A yielding waiter stops yielding and parks as soon as the lock has
	// been released once without it getting it: under Go's scheduler a
	// yield sends the goroutine to the global run queue, which is served
	// last, so a waiter that kept yielding lost every race to the threads
	// that were running (TestGILHandoffFairness).
	gen := b.releases.Load()
	for i := 0; ; i++ {
		if b.tryLock() {
			return
		}
		if i < b.spins {
			continue
		}
		if (b.yields < 0 || i < b.spins+b.yields) && b.releases.Load() == gen {
			b.sched.Yield(w)
			continue
		}
		break
	}
	// Park, in arrival order. Counting ourselves before the last attempt
	// pairs with unlock's free-then-count: either we see the lock free or
	// unlock sees us and wakes someone from the queue.
	b.mu.Lock()
	w.granted.Store(false)
	b.waiters.Add(1)
	if b.tryLock() {
		b.waiters.Add(-1)
		b.mu.Unlock()
		return
	}
	b.queue = append(b.queue, w)
	b.mu.Unlock()
	for {
		b.sched.Park(w)
		b.mu.Lock()
		if w.granted.Load() {
			// Handed over by unlock, which dequeued us: the lock is ours.
			w.granted.Store(false)
			b.mu.Unlock()
			return
		}
		// Still queued: a spurious wake-up (a permit left by another
		// Unpark); we keep our place. Not queued: unlock dequeued us.
		queued := slices.Contains(b.queue, w)
		if !queued {
			b.waiters.Add(1) // before the attempt, as above
		}
		if b.tryLock() {
			if i := slices.Index(b.queue, w); i >= 0 {
				b.queue = slices.Delete(b.queue, i, i+1)
			}
			b.waiters.Add(-1)
			b.mu.Unlock()
			return
		}
		if !queued {
			// Woken, and a running thread took the lock first: back to
			// the head of the queue, and the next unlock hands it over.
			b.queue = slices.Insert(b.queue, 0, w)
			b.handoff = true
		}
		b.mu.Unlock()
	}
}

func (b *bargeLock) unlock() {
	b.releases.Add(1)
	if b.waiters.Load() != 0 {
		b.mu.Lock()
		if b.handoff && len(b.queue) > 0 {
			// Hand over: held stays true, ownership moves to the head.
			next := b.queue[0]
			b.queue = slices.Delete(b.queue, 0, 1)
			b.waiters.Add(-1)
			b.handoff = false
			next.granted.Store(true)
			b.mu.Unlock()
			b.sched.Unpark(next)
			return
		}
		b.mu.Unlock()
	}
	b.held.Store(false)
	if b.waiters.Load() == 0 {
		return
	}
	b.mu.Lock()
	var next *Waiter
	if len(b.queue) > 0 {
		next = b.queue[0]
		b.queue = slices.Delete(b.queue, 0, 1)
		b.waiters.Add(-1)
	}
	b.mu.Unlock()
	if next != nil {
		b.sched.Unpark(next)
	}
}

// fifoLock is the stop-the-world mutex: an MCS queue lock, so promoters are
// served in arrival order whatever the primitive, with each queued
// promoter blocked on its own gate, a primitive of the configured kind that
// its predecessor opens.
type fifoLock struct {
	tail atomic.Pointer[fifoNode]
}

// fifoNode is one thread's place in a fifoLock; a thread is queued at most
// once at a time (promotion is re-entrant by counting, not by queueing).
type fifoNode struct {
	next atomic.Pointer[fifoNode]
	gate exclusive // open (unlocked) unless its owner is queued or holds the lock
	w    *Waiter
}

func (f *fifoLock) lock(n *fifoNode) {
	n.next.Store(nil)
	if !n.gate.tryLock() {
		panic("eml: stop-the-world queue node reused while queued")
	}
	prev := f.tail.Swap(n)
	if prev == nil {
		return
	}
	prev.next.Store(n)
	n.gate.lock(n.w) // until prev opens it
}

func (f *fifoLock) unlock(n *fifoNode) {
	next := n.next.Load()
	if next == nil {
		if f.tail.CompareAndSwap(n, nil) {
			n.gate.unlock()
			return
		}
		// A successor swapped itself in and is about to link; there is no
		// scheduling point between its swap and its link, so this wait is
		// never seen by a scheduler that runs one goroutine at a time.
		for next = n.next.Load(); next == nil; next = n.next.Load() {
			runtime.Gosched()
		}
	}
	n.gate.unlock()
	next.gate.unlock()
}
