package core

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// Thread is a thread state: the unit that runs core code. It holds the
// thread's eml thread (its attachment to the lock), its refcount owner
// identity (biased counts of the objects it creates, merged at its safe
// points), its stack of critical sections and its Python call state. A
// Thread belongs to one goroutine at a time.
type Thread struct {
	rt    *Runtime
	name  string
	eml   *eml.Thread
	owner *refcount.Owner
	// rcHolder is what refcount's fast paths take for this thread
	// (refcount.LocalHolder), so that Incref and Decref make no interface
	// call in the common case; rcInit says Init has a fast path too (the
	// plain and biased strategies).
	rcHolder *refcount.Owner
	rcInit   bool
	// rcShared is what refcount's shared fast paths take
	// (refcount.SharedHolder): under biased counting, the atomic
	// operations on another thread's objects without the interface call.
	rcShared *refcount.Owner
	// rcChecked: the runtime's strategy is the isolation checker
	// (Config.CheckIsolation), which must see every count, immortal
	// objects' included, so no fast path is taken.
	rcChecked bool

	// cs is the stack of critical sections, innermost last; csOn is false
	// under the gil policy, where the GIL makes them unnecessary (as in
	// CPython's default build). It starts on csBuf, inside this struct,
	// so that the stack written at every operation on a mutable object
	// shares no cache line with another thread's memory.
	cs    []section
	csBuf [8]section
	csOn  bool
	// acquiring counts acquire calls under way (one, or two when a
	// resumption inside acquire's wait re-takes a section), so that the
	// Suspender's Resume does not resume a section acquire is taking.
	acquiring int

	// live counts this thread's allocations minus its deallocations, by
	// type id; polls counts safe points, to publish live now and then.
	live  liveCounts
	polls uint64

	// Python call state, for the eval loop.
	depth    int          // Python call depth, for RecursionError
	frame    *frame       // innermost running frame
	handling []*Exception // exceptions being handled, innermost last (sys.exc_info)
	// frameSerial numbers frames, for tracebacks.
	frameSerial uint64
	// kwOrder is the order of the keyword arguments of the Go function
	// being called from bytecode (see keywordNames).
	kwOrder []string
	// reprStack holds the containers being repr'd, innermost last, so a
	// container that contains itself prints as [...].
	reprStack []Object
	// pendingClose are generators dropped while suspended in a try block,
	// to be closed at the next safe point (see Generator.Dealloc).
	pendingClose []*Generator

	// ident is thread.get_ident(): unique within the runtime.
	ident int64

	// extCalls are the extension functions the thread is running,
	// innermost last (their module is the reason re-promotions give).
	extCalls []extCall
	// atBoundary is set while the thread waits at a switch point between
	// two instructions (not a safe point), for Step; atSafePoint while it
	// polls at a safe point. Owner's alone.
	atBoundary, atSafePoint bool
	// region and start are what the footprints of its start, exit and
	// joins need (sequencing.go), under a Sequencer. Owner's alone.
	region *region
	start  *started
	// noter is the Sequencer, if it wants to hear of every step.
	noter StepNoter
	// blockedOn is what the thread waits for while it waits for a lock,
	// a join, a critical section or a primitive of the locking layer
	// (nil otherwise): for the deadlock reports of a Sequencer. Owner's
	// alone.
	blockedOn any
	// ensured counts Ensure calls not yet released, for a thread Ensure
	// made; ensurePromoted says Ensure promoted it.
	ensured        int
	ensurePromoted bool

	// Freelists of deallocated ints and floats, reused by NewInt and
	// NewFloat instead of allocating (CPython keeps such lists too): they
	// spare the Go allocator and collector most of an arithmetic loop's
	// garbage. Owner's alone; off when the runtime tracks objects, since a
	// reused object would hide a use after free.
	freeInts   []*Int
	freeFloats []*Float
	// freeFrames are released frames of calls, reused by newFrame with
	// their buffers (the frames of generators are never pooled).
	freeFrames []*frame
	freeLists  bool

	// memFree is the thread's reserve of the memory budget (memory.go):
	// bytes taken from the runtime's total and not charged yet. Owner's
	// alone.
	memFree int64
	memOn   bool // the runtime enforces a budget
	// internal: made by the runtime for its own work (Close, a thread
	// dump), not by a program or an embedder.
	internal bool
	// async holds the asynchronous exceptions pending for the thread's
	// next safe point (asyncMemory, asyncInterrupt); others may set it.
	async atomic.Uint32

	closed, rtClosed bool
	// exited: the thread merged its biased queue and retired its refcount
	// owner while attached (exitAttached), so Close need not attach.
	exited bool

	// inUse is held by an entry point (Run, Attach, Detach, Close,
	// Release) for its duration: a Thread belongs to one goroutine at a
	// time, and a second goroutine entering it at once is refused with
	// ErrThreadInUse instead of corrupting its state.
	inUse atomic.Bool
	// goid is the number of the goroutine that made the thread with
	// Ensure, when Runtime.Go started that goroutine (else 0).
	goid int64

	// Keep the next object off the cache lines of the fields above, which
	// the owner writes all the time.
	_ [128]byte
}

// NewThread returns a new thread state, detached. On a closed runtime the
// thread's every operation fails.
func (rt *Runtime) NewThread(name string) *Thread { return rt.newThread(name, false) }

func (rt *Runtime) newThread(name string, internal bool) *Thread {
	th := &Thread{
		rt:        rt,
		name:      name,
		csOn:      rt.cfg.Policy != eml.PolicyGIL,
		ident:     rt.nextIdent.Add(1),
		freeLists: !rt.cfg.TrackObjects,
		memOn:     rt.memOn(),
		internal:  internal,
	}
	rt.threadMu.Lock()
	if rt.closed && !internal {
		rt.threadMu.Unlock()
		th.rtClosed, th.closed = true, true
		return th
	}
	rt.threads[th] = struct{}{}
	rt.threadMu.Unlock()
	th.cs = th.csBuf[:0]
	th.eml = rt.lock.Register(name)
	th.owner = rt.rc.NewOwner(name)
	th.owner.Context = th
	th.rcHolder = refcount.LocalHolder(rt.rc, th.owner)
	th.rcShared = refcount.SharedHolder(rt.rc, th.owner)
	_, th.rcChecked = rt.rc.(isolationChecker)
	th.rcInit = !th.rcChecked && (th.rcHolder == th.owner || rt.rc.Kind() == refcount.Plain)
	th.freeLists = th.freeLists && th.rcInit // trackFreelisted sets counts up itself
	if th.csOn {
		th.eml.SetSuspender((*sectionSuspender)(th))
	}
	if rt.seq != nil {
		th.eml.Waiter().Label = th.position
		th.eml.Waiter().Step = th.step
		if n, ok := rt.seq.(StepNoter); ok {
			th.noter = n
		}
	}
	return th
}

// ErrRuntimeClosed is returned by the threads of a closed runtime, by a
// second Close, and by what registers modules or starts goroutines after
// Close.
var ErrRuntimeClosed = errors.New("runtime is closed")

// ErrThreadInUse is returned by a Thread's entry points (Run, Exec's
// thread, Attach, Detach, Close, Release) when another goroutine is inside
// one of them on the same Thread: a Thread belongs to one goroutine at a
// time.
var ErrThreadInUse = errors.New("thread is in use by another goroutine")

// enter takes the thread for an entry point; leave gives it back.
func (th *Thread) enter(op string) error {
	if !th.inUse.CompareAndSwap(false, true) {
		return fmt.Errorf("core: %s on thread %q: %w", op, th.name, ErrThreadInUse)
	}
	return nil
}

func (th *Thread) leave() { th.inUse.Store(false) }

// Name returns the name the thread was created with.
func (th *Thread) Name() string { return th.name }

// Runtime returns the thread's runtime.
func (th *Thread) Runtime() *Runtime { return th.rt }

// EML returns the thread's eml thread, for code that drives the lock
// directly (the extension API).
func (th *Thread) EML() *eml.Thread { return th.eml }

// Owner returns the thread's refcount owner.
func (th *Thread) Owner() *refcount.Owner { return th.owner }

func (th *Thread) usable() error {
	switch {
	case th.rtClosed:
		return fmt.Errorf("core: thread %q: %w", th.name, ErrRuntimeClosed)
	case th.closed:
		return fmt.Errorf("core: thread %q: %w", th.name, eml.ErrClosed)
	}
	return nil
}

// Attach enters core (see eml.Thread.Attach).
func (th *Thread) Attach() error {
	if err := th.enter("Attach"); err != nil {
		return err
	}
	defer th.leave()
	return th.attach()
}

func (th *Thread) attach() error {
	if err := th.usable(); err != nil {
		return err
	}
	return th.eml.Attach()
}

// Detach leaves core (see eml.Thread.Detach).
func (th *Thread) Detach() error {
	if err := th.enter("Detach"); err != nil {
		return err
	}
	defer th.leave()
	return th.detach()
}

func (th *Thread) detach() error {
	if err := th.usable(); err != nil {
		return err
	}
	if th.heldSections() {
		return fmt.Errorf("core: Detach on thread %q inside a critical section", th.name)
	}
	th.live.publish()
	return th.eml.Detach()
}

// SafePoint is a safe point: the thread may park for a stop-the-world or
// hand the GIL over, and merges the biased counts other threads queued to
// it. It must hold no critical section.
func (th *Thread) SafePoint() error {
	// The common case, nothing to do, without a call: the eval loop
	// passes a safe point at every call and backward jump.
	if th.polls++; th.noter == nil && th.async.Load() == 0 && th.eml.Quiet() && !th.owner.HasQueued() && th.polls%publishEvery != 0 {
		return nil
	}
	return th.safePoint()
}

// safePoint is SafePoint when something may be pending.
func (th *Thread) safePoint() error {
	if th.noter != nil {
		th.noter.NoteStep(th.eml.Waiter())
	}
	th.atSafePoint = true
	err := th.eml.Poll()
	th.atSafePoint = false
	if err != nil {
		return err
	}
	if th.async.Load() != 0 {
		if err := th.raiseAsync(); err != nil {
			return err
		}
	}
	if th.owner.HasQueued() { // only biased counting queues; the check spares an interface call
		th.rt.rc.MergeQueued(th.owner)
	}
	if th.polls%publishEvery == 0 {
		th.live.publish()
	}
	return nil
}

// AllowThreads runs fn detached, like Py_BEGIN_ALLOW_THREADS ...
// Py_END_ALLOW_THREADS: other threads run meanwhile (if the thread is
// exclusive, the world restarts for fn and the thread promotes again
// after), and its critical sections are suspended around it, as around
// every wait (see eml.Thread.Blocking and critical.go). fn must not use
// the thread.
func (th *Thread) AllowThreads(fn func()) error { return th.eml.Blocking(fn) }

// Close ends a detached thread: its queued biased counts are merged, its
// counters folded into the runtime's, and it is unregistered. The merge
// can deallocate, and a Dealloc can run extension code (a capsule's
// release), so the thread attaches for it, as CPython merges in
// PyThreadState_Clear while still attached: the deallocations then never
// run beside a thread that has stopped the world or holds the GIL.
func (th *Thread) Close() error {
	if th.rtClosed {
		return nil
	}
	if err := th.enter("Close"); err != nil {
		return err
	}
	defer th.leave()
	if err := th.usable(); err != nil {
		return err
	}
	return th.close()
}

func (th *Thread) close() error {
	if th.eml.Attached() {
		return th.eml.Close() // the misuse error, changing nothing
	}
	if !th.exited {
		if err := th.eml.Attach(); err != nil {
			return err
		}
		th.exitAttached()
		if err := th.eml.Detach(); err != nil {
			return err
		}
	}
	if err := th.eml.Close(); err != nil {
		return err
	}
	th.closed = true
	th.memReturn()
	th.runCloseHooks()
	rt := th.rt
	rt.threadMu.Lock()
	delete(rt.threads, th)
	for id, n := range th.live.own {
		for len(rt.closedLive) <= id {
			rt.closedLive = append(rt.closedLive, 0)
		}
		rt.closedLive[id] += n
	}
	rt.threadMu.Unlock()
	return nil
}

// exitAttached merges the thread's biased queue and retires its refcount
// owner -- what can deallocate when a thread ends -- while the thread is
// attached, as its last refcount operation: the runtime's own threads do
// it just before their last Detach, and Close does it (attaching for it)
// for a thread that did not.
func (th *Thread) exitAttached() {
	th.rt.rc.ThreadExit(th.owner)
	th.exited = true
}

// Incref adds a reference to o, which the caller already holds one to.
// The common case (an immortal object, or one this thread counts
// locally) is refcount's inlined fast path; the rest is the strategy's.
func (th *Thread) Incref(o Object) {
	if !th.increfLocal(o) {
		th.increfSlow(o)
	}
}

// Decref drops a reference the caller holds; o may be deallocated.
func (th *Thread) Decref(o Object) {
	if !th.decrefLocal(o) {
		th.decrefSlow(o)
	}
}

// increfLocal and decrefLocal are Incref's and Decref's fast paths, and
// increfSlow and decrefSlow the rest: Incref and Decref are over the Go
// inliner's budget, these fast paths are not, so the eval loop writes
// `if !th.increfLocal(x) { th.increfSlow(x) }` and counts the common
// case without a call.
func (th *Thread) increfLocal(o Object) bool {
	return !th.rcChecked && headerOf(o).rc.IncrefLocal(th.rcHolder)
}

func (th *Thread) decrefLocal(o Object) bool {
	return !th.rcChecked && headerOf(o).rc.DecrefLocal(th.rcHolder)
}

// increfSlow takes a reference to an object another thread counts
// through refcount's shared fast path (an atomic add, under biased
// counting), and anything else through the strategy.
//
//go:noinline
func (th *Thread) increfSlow(o Object) {
	if !th.rcChecked && headerOf(o).rc.IncrefShared(th.rcShared) {
		return
	}
	th.rt.rc.Incref(o, th.owner)
}

// decrefSlow gives an exact int or float whose last reference this is,
// counted by this thread, straight to the thread's freelist: what its
// Dealloc does, without the strategy's Decref, its deallocation loop and
// the Dealloc interface call (refcount.Count.DecrefLastLocal). A reference
// to another thread's object that only decrements the shared word takes
// refcount's shared fast path. Everything else goes to the strategy.
//
//go:noinline
func (th *Thread) decrefSlow(o Object) {
	if th.freeLists && !th.rcChecked {
		switch x := o.(type) {
		case *Int:
			if x.typ.builtin && x.big == nil && len(th.freeInts) < maxFree &&
				x.rc.DecrefLastLocal(th.rcHolder, th.owner) {
				th.live.add(x.typ.id, -1)
				th.freeInts = append(th.freeInts, x)
				return
			}
		case *Float:
			if x.typ.builtin && len(th.freeFloats) < maxFree &&
				x.rc.DecrefLastLocal(th.rcHolder, th.owner) {
				th.live.add(x.typ.id, -1)
				th.freeFloats = append(th.freeFloats, x)
				return
			}
		}
	}
	if !th.rcChecked && headerOf(o).rc.DecrefShared(th.rcShared) {
		return
	}
	th.rt.rc.Decref(o, th.owner)
}

// XDecref is Decref for a reference that may be nil.
func (th *Thread) XDecref(o Object) {
	if o != nil {
		th.Decref(o)
	}
}

// newRef increfs o and returns it: the caller returns a new reference to
// an object it only borrows.
func (th *Thread) newRef(o Object) Object {
	th.Incref(o)
	return o
}

// track sets up a new object's count (1, owned by th) and counts it live.
// Every constructor calls it before publishing the object.
func (th *Thread) track(o Object) {
	if th.memOn {
		th.memCharge(objSize(o))
	}
	th.trackReused(o)
}

// trackReused is track for an object from a freelist, which stayed
// charged to the memory budget while it waited there.
func (th *Thread) trackReused(o Object) {
	h := headerOf(o)
	if th.rcInit {
		h.rc.InitLocal(th.rcHolder)
	} else {
		th.rt.rc.Init(o, th.owner)
	}
	th.live.add(h.typ.id, 1)
	if th.rt.cfg.TrackObjects {
		th.rt.tracked.Store(o, struct{}{})
	}
}

// trackFreelisted is trackReused for an int or float taken off the
// thread's freelist, in line: freelists exist only with counts the thread
// sets up itself (rcInit) and objects untracked (Config.TrackObjects
// turns them off), and a freelisted object's type already has its slot
// in the thread's live counts (decrefSlow counted it out there).
func (th *Thread) trackFreelisted(h *Header) {
	h.rc.InitLocal(th.rcHolder)
	th.live.own[h.typ.id]++
}

// untrack undoes track when o is deallocated by the thread of by, which
// it returns. Every Dealloc calls it.
func untrack(o Object, by *refcount.Owner) *Thread {
	th := untrackKept(o, by)
	if th.memOn {
		th.memCredit(objSize(o))
	}
	return th
}

// untrackKept is untrack for an object going to a freelist: it stays
// charged to the memory budget (its memory is still in use).
func untrackKept(o Object, by *refcount.Owner) *Thread {
	th := by.Context.(*Thread)
	th.live.add(o.Type().id, -1)
	if th.rt.cfg.TrackObjects {
		th.rt.tracked.Delete(o)
	}
	return th
}

// maxFree bounds each freelist of a thread.
const maxFree = 256

// decrefBy drops a reference from inside a Dealloc, where only the owner
// of the deallocating thread is at hand.
func decrefBy(o Object, by *refcount.Owner) {
	if o == nil {
		return
	}
	if th, ok := by.Context.(*Thread); ok {
		th.Decref(o)
		return
	}
	o.Type().rt.rc.Decref(o, by)
}

// liveCounts is one thread's allocations minus deallocations by type id:
// plain counts that only the owner touches, and a copy of them published
// for other goroutines (Stats). The owner publishes at Detach, at Close and
// at every publishEvery-th safe point, so Stats is exact for detached and
// closed threads and a moment late for running ones.
type liveCounts struct {
	own []int64
	pub atomic.Pointer[[]int64]
}

// publishEvery is how many safe points pass between publications.
const publishEvery = 1024

func (c *liveCounts) add(id int32, d int64) {
	if int(id) >= len(c.own) {
		c.own = append(c.own, make([]int64, int(id)+1-len(c.own)+16)...)
	}
	c.own[id] += d
}

// publish makes the owner's counts visible to snapshot.
func (c *liveCounts) publish() {
	cp := append([]int64(nil), c.own...)
	c.pub.Store(&cp)
}

// snapshot returns the published counts; the caller must not change them.
func (c *liveCounts) snapshot() []int64 {
	if p := c.pub.Load(); p != nil {
		return *p
	}
	return nil
}
