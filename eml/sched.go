package eml

import (
	"runtime"
	"sync/atomic"
	"time"
)

// A Scheduler is where every thread of a [Lock] waits or may be switched.
// The lock never blocks a thread any other way (internal sync.Mutex
// sections are short and never held across a call to the Scheduler), so a
// scheduler that runs one thread at a time sees every point at which
// another could run.
type Scheduler interface {
	// Park blocks the calling goroutine, which owns w, until Unpark(w). An
	// Unpark that comes before Park is remembered (one permit), and Park may
	// also return spuriously, so callers re-check their condition in a loop.
	Park(w *Waiter)
	// ParkTimeout is Park for at most d; it reports whether it was woken
	// (by Unpark or spuriously) rather than timed out.
	ParkTimeout(w *Waiter, d time.Duration) bool
	// Unpark makes w's goroutine runnable. Any goroutine may call it.
	Unpark(w *Waiter)
	// Yield is a switch point: the calling goroutine, which owns w, stays
	// runnable but lets others run first.
	Yield(w *Waiter)
	// Now reads the scheduler's monotonic clock (real or virtual time).
	Now() time.Duration
}

// A Waiter is the identity a Scheduler parks and wakes: one per [Thread].
type Waiter struct {
	// Name is the owning thread's name, for diagnostics.
	Name string
	// Sched is free for a custom Scheduler's per-waiter state.
	Sched any
	// Label, if set, describes where the owning thread is and what it is
	// doing (the runtime sets it), for a Sequencer's schedule and deadlock
	// reports. It is called only on the owner's goroutine.
	Label func() string
	// Step, if set, describes the step the owning thread takes next from
	// the scheduling point it is at (the runtime sets it), for a
	// Sequencer that explores schedules or explains one; detail asks for
	// Step's Ext and Top too, which cost a string each. It is called only
	// on the owner's goroutine.
	Step func(detail bool) Step

	sema chan struct{} // RealScheduler's permit: capacity one

	// granted is set by a hand-off mutex when it gives this waiter
	// ownership; a waiter waits on at most one primitive at a time.
	granted atomic.Bool
	// handed is set by a Mutex that Bugs.HandOff hands to this waiter
	// (a separate flag: the hand-off comes while the waiter may go on to
	// wait on another primitive, re-attaching).
	handed atomic.Bool
}

// Step is what a thread does next from the scheduling point it stopped
// at (Waiter.Step).
type Step struct {
	// Instr: the point is the boundary before an instruction of the eval
	// loop that is not a safe point -- not a safe point's poll, a lock
	// operation, a blocking call or an extension's Yield. Func, Line, Op
	// and Name describe the instruction the thread is at (the one about
	// to run, at a boundary; PC its index in the code), whenever it has
	// a Python frame.
	Instr    bool
	Func     string
	Line, PC int
	Op, Name string
	// Local: the step, one instruction, touches only the thread's own
	// state -- its frame's locals and operand stack, constants, values
	// of immutable built-in types whose methods run no Python code and
	// whose deallocation frees nothing shared -- so it commutes with
	// every step of every other thread.
	Local bool
	// Ext is the extension function the thread is inside ("" if none).
	// Top is repr of the value on top of its operand stack, if that is a
	// number, a string, a bool or None, or a small container of them
	// (else its type and size, or ""): what a store is about to write,
	// what a load has just read. Both only with detail.
	Ext, Top string
	// ExtPorted says the extension function is a ported module's.
	ExtPorted bool
	// Bounded (never with Local) says that Footprint is everything the
	// step touches that another thread could see, up to the thread's
	// next scheduling point: an instruction that reads or writes named
	// slots of shared objects and nothing else (a global's load or
	// store), or, at a safe point (not Instr), what is left of the safe
	// point and the instruction after it. A step neither Local nor
	// Bounded may touch anything.
	Bounded   bool
	Footprint []Access
	// Since, with SinceBounded, is everything the thread did that another
	// thread could see since it last started or woke from a park, up to
	// this point: the runtime knows all of some stretches only once they
	// end (a thread's start through the call of its function, a join's
	// wake-up through the call's return). A Sequencer puts it on the
	// stretch that ends here if that stretch began with a start or a
	// wake-up, not at a switch point.
	SinceBounded bool
	Since        []Access
	// Spoiled says that the stretch ending here did more than the step
	// it began at said (it freed an object, whose release may run
	// anything): it may touch anything.
	Spoiled bool
}

// Access is one shared location a step touches: the slot Key of the
// object Obj (an identity, compared with ==), or with Key "" the object
// as a whole (its layout, its life). Two steps of different threads
// commute unless one writes a location the other touches; a write of
// Key "" conflicts with every access to Obj. Count (Key "", not Write)
// is a change of Obj's reference count by a thread that holds a
// reference to it, which does not free it: counts add up the same in
// either order, so a Count conflicts only with a write of Obj as a
// whole.
type Access struct {
	Obj   any
	Key   string
	Write bool
	Count bool
}

// Conflicts reports whether a and b, of two different threads, may not
// commute (see Access).
func (a Access) Conflicts(b Access) bool {
	if a.Obj != b.Obj {
		return false
	}
	switch {
	case a.Count && b.Count:
		return false
	case a.Count:
		return b.Write && b.Key == ""
	case b.Count:
		return a.Write && a.Key == ""
	}
	return (a.Write || b.Write) && (a.Key == b.Key || a.Key == "" || b.Key == "")
}

// NewWaiter returns a waiter for a thread of a custom Scheduler's own.
func NewWaiter(name string) *Waiter {
	return &Waiter{Name: name, sema: make(chan struct{}, 1)}
}

// RealScheduler runs threads as real goroutines on Go's primitives: Park
// receives on a one-slot channel, Yield is runtime.Gosched, and Now is the
// monotonic clock.
type RealScheduler struct{}

var realEpoch = time.Now()

// Park implements Scheduler.
func (RealScheduler) Park(w *Waiter) { <-w.sema }

// ParkTimeout implements Scheduler.
func (RealScheduler) ParkTimeout(w *Waiter, d time.Duration) bool {
	if d <= 0 {
		select {
		case <-w.sema:
			return true
		default:
			return false
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-w.sema:
		return true
	case <-t.C:
		return false
	}
}

// Unpark implements Scheduler.
func (RealScheduler) Unpark(w *Waiter) {
	select {
	case w.sema <- struct{}{}:
	default: // a permit is already pending
	}
}

// Yield implements Scheduler.
func (RealScheduler) Yield(*Waiter) { runtime.Gosched() }

// Now implements Scheduler.
func (RealScheduler) Now() time.Duration { return time.Since(realEpoch) }
