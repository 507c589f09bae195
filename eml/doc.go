// Package eml is the extension module lock: a reader/writer lock whose
// readers are thread states, after Nick Coghlan's 2008 proposal for running
// the interpreter core free-threaded while keeping extensions that were
// written for the GIL safe.
//
// # The model
//
// Every thread that runs core code registers a [Thread] and moves its
// thread-state word between three values, as CPython 3.13's free-threaded
// build does:
//
//	detached  -- not running core code (blocked, idle, in Blocking)
//	attached  -- running core code, holding the lock in shared mode
//	suspended -- stopped by a stop-the-world; may not attach until restarted
//
// Each word sits on its own cache line and only its owner moves it between
// detached and attached, so entering core ([Thread.Attach]) is one
// compare-and-swap on memory no other core writes plus one load of the
// lock's eval-breaker word, which is read-shared by everybody and written
// only when something needs attention (a stop, a GIL drop request). A safe
// point ([Thread.Poll]) is one load of that word.
//
// Taking the lock exclusively is a stop-the-world ([Thread.Promote]):
//
//  1. the promoter detaches,
//  2. takes the stop-the-world mutex, which serves promoters in arrival
//     order (an MCS queue whose per-waiter gate is the configured
//     [MutexKind]),
//  3. waits until the threads the previous stop parked have resumed (so a
//     stream of promotions cannot starve a core thread, G8),
//  4. raises the stop bit in the eval breaker,
//  5. moves every detached thread to suspended, so it cannot attach, and
//     waits until every attached thread has parked itself at its next safe
//     point (attached -> suspended),
//  6. re-attaches itself and runs alone.
//
// [Thread.Demote] at depth zero restarts the world: it clears the stop bit,
// moves suspended threads back to detached, wakes them, and releases the
// mutex. Promotion is re-entrant: nested promotes only count.
//
// Why promotion detaches first: a promoter that stayed attached while it
// queued for the mutex would be a thread the current stopper must wait for,
// and it cannot reach a safe point while it waits in the queue -- two
// promoters would deadlock each other. Detached, it is simply suspended by
// whoever stops the world ahead of it. For the same reason the lock is
// never upgraded in place.
//
// Promotion happens only at a safe point (core dispatches an unported call
// there), so every parked thread is between two operations and holds no
// per-object lock: a stop-the-world never waits on one.
//
// # Wake-ups without lost signals
//
// The stopper and a thread racing with it synchronise through pairs of
// sequentially consistent atomics (Go's atomics are): the stopper stores
// the stop bit and then loads each state word; a thread stores its state
// word and then loads the breaker. At least one of the two sees the other's
// store, so either the stopper counts the thread or the thread notices the
// stop and wakes the stopper. Every wait is a loop that re-checks its
// condition around [Scheduler.Park], whose permits make an early Unpark
// count and whose returns may be spurious.
//
// # Policies
//
// The same thread words serve every [Policy]:
//
//   - PolicyEML: as above.
//   - PolicyGIL: attaching takes the GIL, a mutex of the configured kind.
//     A thread that starts waiting arms a drop deadline one switch interval
//     away and sets the drop bit; the holder checks the deadline at its
//     safe points and, once it has passed, releases the GIL and does not
//     take it back until another thread has had it (forced switching, as
//     in CPython since 3.2). With Priorities, a thread coming back from
//     Blocking asks for an immediate drop (Beazley's fix for the convoy
//     effect). Promote only counts: the holder is already alone.
//   - PolicyFree: attach and detach only mark state; Promote counts but
//     stops nobody. Unported code runs unprotected -- the policy exists to
//     show what breaks.
//   - PolicySticky: as PolicyFree until a thread calls
//     [Thread.EnableGIL] (CPython 3.13t's reaction to importing a module
//     that does not declare Py_MOD_GIL_NOT_USED); that stops the world,
//     switches the lock to the GIL for the rest of its life, and leaves the
//     caller holding the GIL.
//   - PolicyAdaptive: as PolicyEML, while the lock measures what its stops
//     cost over a sliding window (time to safe point, exclusive hold,
//     restart, and how many threads ran in parallel). When a stop finds
//     that a GIL would have run the window's work sooner, that stop
//     becomes a switch to the GIL, as sticky's does. After an inhibit
//     period proportional to the loss it measured (BRAVO's rule), the GIL
//     holder switches back at a safe point -- holding the GIL it runs
//     alone, so that is a stopped world too -- and the lock measures
//     again. A stop queued behind a switch to the GIL, or a thread
//     promoted across one (inside Blocking), finds GIL mode and takes the
//     GIL instead; one coming back in eml mode stops the world. The model
//     and its constants are in adaptive.go and docs/eml.md; a
//     [ModeSwitcher] scheduler replaces the model, for tests.
//
// # Scheduling
//
// Every place a thread waits or may be switched goes through a
// [Scheduler]: Park, Unpark, Yield and a clock. The default runs real
// goroutines on Go's primitives. A custom scheduler (the deterministic one
// of the test suites) also gets a Yield at every safe point, through a bit
// that stays set in the eval breaker, so the fast paths cost nothing extra
// without one. Spinning mutex kinds fall back to parking under a custom
// scheduler, so that one thread spinning on a lock held by a thread the
// scheduler has not chosen cannot spin forever.
//
// Internal bookkeeping uses short sync.Mutex sections that are never held
// across a scheduling point; they are invisible to any scheduler and safe
// under one that runs a single goroutine at a time.
//
// # Misuse
//
// A Thread belongs to one goroutine at a time, like a PyThreadState.
// Calling its methods in the wrong state -- Poll, Promote or Demote while
// detached, Demote without Promote, Attach twice, Detach while promoted,
// Close while attached, anything after Close -- returns an error wrapping
// one of the sentinel errors ([ErrDetached], [ErrAttached],
// [ErrNotPromoted], [ErrPromoted], [ErrClosed]) and changes no state.
package eml
