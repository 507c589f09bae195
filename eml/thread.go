package eml

import (
	"context"
	"errors"
	"fmt"
	"runtime/trace"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/internal/mutant"
)

// A Thread is one thread state registered with a [Lock]. It belongs to one
// goroutine at a time; only the stop-the-world machinery and Stats touch it
// from elsewhere, through its atomic fields.
type Thread struct {
	_ [cacheLine]byte
	// state is the thread-state word. The owner moves it detached ->
	// attached, attached -> detached and attached -> suspended (parking);
	// a stopper moves detached -> suspended, and the restarter (or the
	// owner, once no stop is in force) moves suspended -> detached.
	state stateWord
	// attaches is the count in state, which only the owner changes.
	attaches uint64
	// attached is the owner's view: it called Attach and not Detach. It
	// stays true while the thread is parked inside Poll. Owner's alone.
	attached bool
	closed   bool // owner's alone
	// gilPolicy is the lock's policy == PolicyGIL, copied for the Attach
	// fast path; immutable.
	gilPolicy bool
	// seq is the lock's Sequencer, or nil; immutable.
	seq Sequencer
	// holdsGIL is true while the thread holds the GIL. Owner's alone.
	holdsGIL bool
	breaker  *atomic.Uint32 // the lock's eval breaker
	_        [cacheLine]byte

	lock    *Lock
	name    string
	id      int
	w       *Waiter
	stwNode fifoNode // this thread's place in the stop-the-world queue
	// depth is the promotion depth; stopped says the outermost promotion
	// stopped the world, so Demote to zero restarts it. Owner's alone.
	depth   int
	stopped bool
	// resuming: the thread parked (or was suspended while attaching) and
	// is counted in lock.parked until it is attached again. Owner's alone.
	resuming bool
	// owed: an adaptive lock's switch back to eml found the thread in one
	// of the GIL's waits and counted it in lock.parked, as a thread a stop
	// parked, until it is attached again (or, if it took the GIL for
	// Inspect, until it has it): the switcher sets it, the owner clears it
	// (payOwed).
	owed   atomic.Bool
	region *trace.Region // the exclusive section, when tracing
	// susp is told around every wait that detaches an attached thread
	// (nil: nobody). Owner's alone.
	susp Suspender
	// depthNow and waiting mirror owner state for Stats and Threads; parks
	// counts this thread's parks for stops.
	depthNow atomic.Int32
	waiting  atomic.Uint32
	parks    atomic.Uint64
}

// storeState sets the owner's own state word (only the owner may, and only
// from a state nobody else moves: attached, or detached while no stopper
// can see it), keeping the attach count.
func (t *Thread) storeState(s uint64) { t.state.v.Store(t.attaches<<stateBits | s) }

// What a thread is waiting for (Thread.waiting), for diagnostics.
const (
	waitNone uint32 = iota
	waitRestart
	waitSTW
	waitResumers
	waitSafepoints
	waitGIL
	waitSwitch
	waitMutex
)

var waitNames = [...]string{
	waitNone:       "",
	waitRestart:    "the world to restart",
	waitSTW:        "the stop-the-world mutex",
	waitResumers:   "threads released by the last stop to resume",
	waitSafepoints: "attached threads to reach a safe point",
	waitGIL:        "the GIL",
	waitSwitch:     "another thread to take the GIL",
	waitMutex:      "a Mutex",
}

func (t *Thread) setWaiting(w uint32) { t.waiting.Store(w) }

// Name returns the name the thread was registered with.
func (t *Thread) Name() string { return t.name }

// Lock returns the lock the thread is registered with.
func (t *Thread) Lock() *Lock { return t.lock }

// Depth returns the thread's promotion depth.
func (t *Thread) Depth() int { return t.depth }

// Attached reports whether the thread is attached (between Attach and
// Detach, and not inside Blocking).
func (t *Thread) Attached() bool { return t.attached }

// HoldsGIL reports whether the thread holds the GIL (gil policy, sticky
// after the switch, adaptive in GIL mode).
func (t *Thread) HoldsGIL() bool { return t.holdsGIL }

func (t *Thread) misuse(op string, err error) error {
	return fmt.Errorf("eml: %s on thread %q: %w", op, t.name, err)
}

// usable reports why op cannot run on a thread that must be attached.
func (t *Thread) usable(op string) error {
	switch {
	case t.closed:
		return t.misuse(op, ErrClosed)
	case !t.attached:
		return t.misuse(op, ErrDetached)
	}
	return nil
}

// Attach enters core: shared under eml, free, sticky before the switch
// and adaptive in eml mode; the GIL under gil, sticky after it and
// adaptive in GIL mode. It blocks while the world is stopped.
func (t *Thread) Attach() error {
	if t.seq != nil && !t.attached && !t.closed {
		t.seq.Enter(t.w) // before anything another thread could see
	}
	// Fast path: one CAS on our own word (which also counts the attach),
	// one load of the breaker.
	if !t.attached && !t.closed && !t.gilPolicy &&
		t.state.v.CompareAndSwap(t.attaches<<stateBits|stateDetached, (t.attaches+1)<<stateBits|stateAttached) {
		t.attaches++
		if t.breaker.Load() == 0 {
			t.attached = true
			return nil
		}
		t.detachState() // a stop, the GIL or a custom scheduler: start over
		t.attach(false)
		if t.lock.adaptive {
			t.adapt()
		}
		return nil
	}
	switch {
	case t.closed:
		return t.misuse("Attach", ErrClosed)
	case t.attached:
		return t.misuse("Attach", ErrAttached)
	}
	t.attach(false)
	// Count it: we are attached, so nobody else moves the word now.
	t.attaches++
	t.state.v.Add(1 << stateBits)
	if t.lock.adaptive {
		t.adapt()
	}
	return nil
}

// attach enters core in whatever mode the lock is in now. It does not
// count an Attach: it also re-enters after parks and blocking sections.
func (t *Thread) attach(priority bool) {
	l := t.lock
	for {
		if l.breaker.Load()&bitGIL != 0 {
			// The sticky and adaptive switches take the GIL before raising
			// bitGIL and restart the world before releasing it, and nobody
			// stops the world in GIL mode, so once we hold it nobody is
			// stopping us.
			l.takeGIL(t, priority)
			if l.breaker.Load()&bitGIL == 0 {
				// An adaptive lock switched back to eml while we waited:
				// let the GIL go and attach shared.
				l.releaseGIL(t)
				continue
			}
			if !t.state.move(stateDetached, stateAttached) {
				panic("eml: internal error: GIL taken by a suspended thread")
			}
			break
		}
		if t.state.move(stateDetached, stateAttached) {
			b := l.breaker.Load()
			if b&bitStop != 0 {
				t.parkForStop()
				continue
			}
			if b&bitGIL != 0 {
				t.detachState() // switched meanwhile: take the GIL instead
				continue
			}
			break
		}
		// A stopper suspended us while we were detached.
		t.countParked()
		t.awaitRestart()
	}
	t.attached = true
	if t.resuming {
		// Only now, attached, do we stop counting as owed a turn: until
		// here the next stopper could suspend us again before we ran.
		t.resuming = false
		if l.parked.Add(-1) == 0 {
			if l.adaptive {
				l.adaptiveResumed()
			}
			l.wakeStopper()
		}
	}
	if t.owed.Load() {
		t.payOwed()
	}
}

// payOwed stops counting t in lock.parked for a switch back to eml that
// found it waiting for the GIL: it has run.
func (t *Thread) payOwed() {
	if t.owed.CompareAndSwap(true, false) && t.lock.parked.Add(-1) == 0 {
		t.lock.wakeStopper()
	}
}

// countParked counts the thread into l.parked, once until it re-attaches.
func (t *Thread) countParked() {
	if !t.resuming {
		t.resuming = true
		t.lock.parked.Add(1)
	}
}

// parkForStop parks an attached thread for a stop-the-world. It returns
// detached, once the world has restarted, still counted in lock.parked:
// the caller re-attaches.
func (t *Thread) parkForStop() {
	l := t.lock
	t.parks.Add(1)
	t.countParked()
	t.storeState(stateSuspended)
	l.wakeStopper()
	t.awaitRestart()
}

// awaitRestart waits while the thread is suspended. If it finds no stop in
// force while still suspended, the stop ended before its restart saw us; it
// moves itself back to detached.
func (t *Thread) awaitRestart() {
	l := t.lock
	var region *trace.Region
	if l.cfg.Trace {
		region = trace.StartRegion(context.Background(), "eml.park")
	}
	t.setWaiting(waitRestart)
	l.await(t.w, func() bool {
		if t.state.state() != stateSuspended {
			return true
		}
		return l.breaker.Load()&bitStop == 0 && t.state.move(stateSuspended, stateDetached)
	})
	t.setWaiting(waitNone)
	if region != nil {
		region.End()
	}
}

// Detach leaves core (releasing the GIL if held). A promoted thread must
// Demote first, or use Blocking.
func (t *Thread) Detach() error {
	if err := t.usable("Detach"); err != nil {
		return err
	}
	if t.depth > 0 {
		return t.misuse("Detach", ErrPromoted)
	}
	t.detach()
	if t.seq != nil {
		t.seq.Leave(t.w)
	}
	return nil
}

func (t *Thread) detach() {
	t.attached = false
	if t.holdsGIL {
		t.storeState(stateDetached)
		t.lock.releaseGIL(t)
		return
	}
	t.detachState()
}

// detachState moves our word attached -> detached; if a stop is in force
// the stopper may be counting on us, so wake it to look again.
func (t *Thread) detachState() {
	t.storeState(stateDetached)
	if t.breaker.Load()&bitStop != 0 {
		t.lock.wakeStopper()
	}
}

// Quiet reports whether Poll would return at once, doing nothing: the
// thread is attached and no stop, switch or GIL drop is pending. A
// caller that has more to do at a safe point checks it to skip Poll's
// call in the common case.
func (t *Thread) Quiet() bool {
	return t.attached && t.breaker.Load()&pollMask == 0
}

// Poll is a safe point: if a stop-the-world is requested the thread parks
// until the world restarts; if it holds the GIL and a waiter's switch
// interval has run out, it hands the GIL over. The fast path is one load.
func (t *Thread) Poll() error {
	if t.attached && t.breaker.Load()&pollMask == 0 {
		return nil
	}
	return t.pollSlow()
}

func (t *Thread) pollSlow() error {
	if err := t.usable("Poll"); err != nil {
		return err
	}
	l := t.lock
	b := l.breaker.Load()
	if b&(bitYield|bitResume) != 0 && !t.stopped {
		// A custom scheduler's switch point, or a stopper asking us to let
		// the threads it waits for onto this processor.
		l.sched.Yield(t.w)
		b = l.breaker.Load()
	}
	if t.stopped {
		return nil // the world is stopped for us: nobody to let run
	}
	if b&bitStop != 0 && !mutant.On(mutant.SafePointNoPark) {
		t.suspend()
		t.parkForStop()
		t.attach(false)
		t.resume()
		b = l.breaker.Load()
	}
	if l.adaptive && t.depth == 0 {
		t.adapt()
		b = l.breaker.Load()
	}
	if b&bitDrop != 0 && t.holdsGIL && t.depth == 0 && l.dropDue(t) {
		t.suspend()
		l.yieldGIL(t)
		t.resume()
	}
	return nil
}

// A Suspender is told when its thread is about to wait detached and when
// it is attached again: the runtime suspends the thread's critical
// sections (releases their mutexes) for the wait and resumes the innermost
// after, as CPython does in every detach and attach of a thread state. So
// a thread that waits -- for a Mutex, in Blocking, parked at a safe
// point, queued to promote, handing the GIL over -- never holds a section
// another thread could need, and a thread running alone after a stop
// never has to wait for one (which would restart the world in the middle
// of an unported call). Every wait of this package that detaches an
// attached thread goes through it; explicit Detach does not (the runtime
// refuses to detach inside a section).
type Suspender interface {
	// Suspend is called on the thread's goroutine, while it is attached,
	// before it detaches to wait.
	Suspend()
	// Resume is called once the thread is attached again -- promoted
	// again to the depth it had, if the wait restarted the world -- before
	// the call that waited returns. It may wait itself (for a section's
	// mutex): that wait suspends and resumes again, so Resume must not
	// resume twice.
	Resume()
}

// SetSuspender installs s (nil: none) for every wait of t that detaches.
func (t *Thread) SetSuspender(s Suspender) { t.susp = s }

func (t *Thread) suspend() {
	if t.susp != nil {
		t.susp.Suspend()
	}
}

func (t *Thread) resume() {
	if t.susp != nil {
		t.susp.Resume()
	}
}

// Inspect stops the world from a detached thread, runs fn while every
// other thread is parked at a safe point or detached (and cannot attach),
// and starts the world again: for diagnostics that read other threads'
// state, such as a dump of where each thread is. Unlike a promotion it
// stops the world under free and sticky too. Under a GIL (the gil policy,
// or sticky after its switch) it is refused: holding the GIL is the way
// to read the others there. fn must not block on other threads. Under a
// Sequencer it is refused too: a deterministic run reports its own
// deadlocks.
func (t *Thread) Inspect(fn func()) error {
	switch {
	case t.closed:
		return t.misuse("Inspect", ErrClosed)
	case t.attached:
		return t.misuse("Inspect", ErrAttached)
	case t.seq != nil:
		return t.misuse("Inspect", errors.New("a deterministic run cannot stop the world from outside its schedule"))
	case t.lock.policy == PolicyGIL || t.lock.policy == PolicySticky && t.lock.breaker.Load()&bitGIL != 0:
		return t.misuse("Inspect", errors.New("under a GIL, attach (take the GIL) instead of stopping the world"))
	}
	l := t.lock
	t.setWaiting(waitSTW)
	l.stw.lock(&t.stwNode)
	t.setWaiting(waitNone)
	if l.adaptive && l.breaker.Load()&bitGIL != 0 {
		// An adaptive lock in GIL mode: holding the GIL is the stopped
		// world (every other thread is detached), and the mode cannot
		// change while we hold both it and the stop-the-world mutex --
		// unless it switched back to eml while we waited for the GIL.
		// Taken as any waiter takes it, so that the holder is asked to
		// drop it and a holder that dropped it sees it change hands.
		l.takeGIL(t, false)
		t.payOwed() // it runs, and will not attach
		if l.breaker.Load()&bitGIL != 0 {
			defer func() {
				l.releaseGIL(t)
				l.stw.unlock(&t.stwNode)
			}()
			fn()
			return nil
		}
		l.releaseGIL(t)
	}
	l.stopTheWorld(t)
	defer func() {
		l.startTheWorld(t)
		l.stw.unlock(&t.stwNode)
	}()
	fn()
	return nil
}

// Promote takes the lock exclusively (shared -> exclusive). Under eml (and
// adaptive in eml mode) the outermost promotion stops the world; nested
// ones only count. Under gil (and adaptive in GIL mode) the holder is
// already exclusive; under free and sticky (before the switch) nobody is
// stopped.
func (t *Thread) Promote() error { return t.PromoteFor("") }

// PromoteFor is Promote on behalf of reason (the extension module whose
// unported function is being called), counted in Stats.PromotionsBy.
func (t *Thread) PromoteFor(reason string) error {
	if err := t.usable("Promote"); err != nil {
		return err
	}
	t.lock.stats.promotions.Add(1)
	if reason != "" {
		t.lock.stats.countReason(reason)
	}
	if t.depth == 0 && t.lock.stwEnabled && !t.holdsGIL {
		t.suspend() // it waits detached in the stop-the-world queue
		t.stopWorld()
		t.setDepth(1)
		t.resume()
		return nil
	}
	t.setDepth(t.depth + 1)
	return nil
}

// Demote undoes one Promote; at depth zero it restarts the world.
func (t *Thread) Demote() error {
	if err := t.usable("Demote"); err != nil {
		return err
	}
	if t.depth == 0 {
		return t.misuse("Demote", ErrNotPromoted)
	}
	t.lock.stats.demotions.Add(1)
	t.setDepth(t.depth - 1)
	if t.depth == 0 && t.stopped {
		t.restartWorld()
	}
	return nil
}

func (t *Thread) setDepth(d int) {
	t.depth = d
	t.depthNow.Store(int32(d))
	for m := &t.lock.stats.maxDepth; ; {
		cur := m.Load()
		if int32(d) <= cur || m.CompareAndSwap(cur, int32(d)) {
			return
		}
	}
}

// stopWorld is steps 1-6 of the package comment, for an attached thread.
func (t *Thread) stopWorld() {
	l := t.lock
	t.detachState()
	t.setWaiting(waitSTW)
	l.stw.lock(&t.stwNode)
	t.setWaiting(waitNone)
	if l.adaptive && l.breaker.Load()&bitGIL != 0 {
		// An adaptive lock switched to the GIL while we queued: holding
		// it is as exclusive as a stop. If it switched back while we
		// waited for the GIL, we attached shared: stop the world after all.
		l.stw.unlock(&t.stwNode)
		t.attach(false)
		if !t.holdsGIL {
			t.stopWorld()
		}
		return
	}
	l.stopTheWorld(t)
	if l.adaptive && t.adaptInStop() {
		// The stop became a switch to the GIL, which we hold.
		if !t.state.move(stateDetached, stateAttached) {
			panic("eml: internal error: switching thread's state moved during the switch")
		}
		return
	}
	if !t.state.move(stateDetached, stateAttached) {
		panic("eml: internal error: promoter's state moved while it held the stop-the-world mutex")
	}
	t.stopped = true
	if l.cfg.Trace {
		t.region = trace.StartRegion(context.Background(), "eml.exclusive")
	}
}

func (t *Thread) restartWorld() {
	if t.region != nil {
		t.region.End()
		t.region = nil
	}
	t.stopped = false
	t.lock.startTheWorld(t)
	t.lock.stw.unlock(&t.stwNode)
}

// Blocking runs fn detached, like Py_BEGIN_ALLOW_THREADS ...
// Py_END_ALLOW_THREADS, so other threads run (and stops proceed) while fn
// blocks. If the thread is promoted the world restarts for fn and the
// thread promotes again, to the same depth, after it. fn must not use the
// thread; if it panics, the thread is re-attached before the panic goes on.
func (t *Thread) Blocking(fn func()) (err error) {
	if err := t.usable("Blocking"); err != nil {
		return err
	}
	depth, stopped := t.depth, t.stopped
	t.suspend()
	if stopped {
		t.restartWorld()
	}
	t.setDepth(0)
	t.detach()
	if t.lock.custom {
		t.lock.sched.Yield(t.w) // a blocking call is a switch point
	}
	defer func() {
		switch {
		case t.closed:
			err = t.misuse("Blocking (closed inside fn)", ErrClosed)
			return
		case t.attached:
			err = t.misuse("Blocking (attached inside fn)", ErrAttached)
		default:
			t.attach(t.lock.cfg.Priorities)
		}
		// Promoted again, exclusively however the lock runs now: an
		// adaptive lock may have switched while fn ran.
		if depth > 0 && t.lock.stwEnabled && !t.holdsGIL && !mutant.On(mutant.BlockingNoRepromote) {
			t.stopWorld()
		}
		t.setDepth(depth)
		t.resume()
		if depth == 0 && t.lock.adaptive && err == nil {
			t.adapt()
		}
	}()
	fn()
	return nil
}

// EnableGIL is the sticky policy's one-way switch, for an attached thread:
// it stops the world, turns the lock into the GIL for the rest of its life,
// records reason (the module that forced it) in Stats, and returns with the
// caller holding the GIL. It is idempotent, and changes nothing under the
// other policies.
func (t *Thread) EnableGIL(reason string) error {
	if err := t.usable("EnableGIL"); err != nil {
		return err
	}
	l := t.lock
	if l.policy != PolicySticky || l.breaker.Load()&bitGIL != 0 || mutant.On(mutant.StickyNoSwitch) {
		return nil
	}
	t.suspend()
	defer t.resume()
	t.detachState()
	t.setWaiting(waitSTW)
	l.stw.lock(&t.stwNode)
	t.setWaiting(waitNone)
	if l.breaker.Load()&bitGIL != 0 {
		// Another thread switched while we queued.
		l.stw.unlock(&t.stwNode)
		t.attach(false)
		return nil
	}
	l.stopTheWorld(t)
	// Take the GIL before raising bitGIL: a thread that sees the bit then
	// waits for us instead of racing us for it.
	if !l.gil.mu.tryLock() {
		panic("eml: internal error: GIL held before the sticky switch")
	}
	t.holdsGIL = true
	l.gil.last = t
	l.gil.switches.Add(1)
	l.stats.gilReason.Store(&reason)
	l.breaker.Or(bitGIL)
	l.startTheWorld(t)
	l.stw.unlock(&t.stwNode)
	if !t.state.move(stateDetached, stateAttached) {
		panic("eml: internal error: switching thread's state moved during the switch")
	}
	return nil
}

// Close unregisters a detached thread. Nothing may be called on it after.
func (t *Thread) Close() error {
	switch {
	case t.closed:
		return t.misuse("Close", ErrClosed)
	case t.attached:
		return t.misuse("Close", ErrAttached)
	}
	// Detached, or suspended by a stop: either way nobody waits for us.
	for !t.state.move(stateDetached, stateClosed) && !t.state.move(stateSuspended, stateClosed) {
	}
	t.closed = true
	l := t.lock
	l.unregister(t)
	l.stats.closedAttaches.Add(t.attaches)
	l.stats.closedParks.Add(t.parks.Load())
	if t.seq != nil {
		t.seq.Closed(t.w)
	}
	return nil
}

// Sleep detaches for d, measured on the Scheduler's clock (time.sleep,
// which releases the GIL).
func (t *Thread) Sleep(d time.Duration) error {
	l := t.lock
	return t.Blocking(func() {
		deadline := l.sched.Now() + d
		for {
			rem := deadline - l.sched.Now()
			if rem <= 0 {
				return
			}
			l.sched.ParkTimeout(t.w, rem)
		}
	})
}

// Yield is a switch point that is not a safe point: extension code calls
// it inside a slow read-modify-write, so that the races of code that
// relies on the lock are reachable (under the real scheduler it lets the
// goroutine's processor go; a deterministic scheduler may run another
// thread here).
func (t *Thread) Yield() { t.lock.sched.Yield(t.w) }
