package eml

import "fmt"

// A Sequencer is a Scheduler that runs the threads of a Lock one at a
// time, choosing at every scheduling point which runs next: the
// deterministic scheduler of package schedule. Besides parking and waking
// it hears where each thread enters and leaves the runtime, and it
// decides when a GIL holder hands the GIL over, so that a schedule -- the
// sequence of its choices -- determines the whole run.
//
// A thread's goroutine runs only while the Sequencer lets it: from Enter
// (or the start of a goroutine begun with Go) to its next scheduling point,
// Leave, or the end of Go's function. Goroutines the Sequencer did not
// start may enter the runtime only when no thread of it runs.
type Sequencer interface {
	Scheduler
	// Enter is called by Thread.Attach, before anything else, on the
	// goroutine about to attach: it returns when w's goroutine may run.
	Enter(w *Waiter)
	// Leave is called by Thread.Detach (not Blocking) once w is detached,
	// and by the runtime when a thread unwound by Abort has left it
	// (detached or not: one aborted while promoted cannot detach).
	Leave(w *Waiter)
	// Closed is called by Thread.Close once w's thread is unregistered.
	Closed(w *Waiter)
	// DropGIL is asked at a safe point of the GIL holder w while another
	// thread waits for the GIL (under a Sequencer the switch interval does
	// not decide): true makes the holder hand the GIL over.
	DropGIL(w *Waiter) bool
	// Go starts fn on a new goroutine that runs only when the Sequencer
	// chooses it; the runtime starts every goroutine that will enter it
	// this way. fn runs exactly once, even if the run is aborted before
	// its turn (its first call into the Sequencer then panics with the
	// Abort), so what it defers always happens.
	Go(name string, fn func())
}

// Abort is the panic value with which a Sequencer unwinds the goroutines
// it runs when it gives a run up (a deadlock: no thread can run, and some
// wait). The runtime's goroutines recover it at their top; nothing else
// should.
type Abort struct {
	// Err says why the run was given up.
	Err error
}

func (a *Abort) Error() string { return fmt.Sprintf("run aborted: %v", a.Err) }

// Unwrap returns the reason.
func (a *Abort) Unwrap() error { return a.Err }

// Scheduler returns the lock's scheduler.
func (l *Lock) Scheduler() Scheduler { return l.sched }

// Waiter returns the identity the thread parks and is woken as.
func (t *Thread) Waiter() *Waiter { return t.w }

// RunsAlone reports whether no other thread can run core code while this
// one does: it holds the GIL, or its promotion stopped the world.
func (t *Thread) RunsAlone() bool { return t.holdsGIL || t.stopped }

// PollReadsOnly reports whether a Poll now, past its switch point, would
// only read the lock's state: no stop to park for, no GIL to hand over,
// no adaptive window to close (the thread is not adaptive's and holds no
// GIL). A Sequencer's partial-order reduction asks it (on the thread's
// goroutine) to tell a safe point that commutes with other threads'
// safe points from one that changes what they see.
func (t *Thread) PollReadsOnly() bool {
	b := t.lock.breaker.Load()
	return t.attached && !t.stopped && !t.holdsGIL && !t.lock.adaptive && b&(bitStop|bitDrop|bitGIL|bitResume) == 0
}

// Waiting says what the thread is blocked on inside the lock ("" if
// nothing): a moment's picture, for diagnostics.
func (t *Thread) Waiting() string { return waitNames[t.waiting.Load()] }
