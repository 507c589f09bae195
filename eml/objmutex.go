package eml

import (
	"sync/atomic"
	"time"
)

// Mutex is a one-word lock for what the runtime locks besides the
// extension module lock itself: per-object critical sections and the
// thread module's locks. It is CPython's PyMutex taken with
// _PY_LOCK_DETACH: a thread that finds it held waits detached, so that a
// stop-the-world never waits for a thread that waits for a Mutex, and
// (under the GIL) the GIL passes to someone else meanwhile.
//
// The zero value is unlocked. Waiters park through the owning Lock's
// Scheduler, queued in the Lock's parking lot, so a Mutex costs one word
// per object however many threads wait on it. Any thread of the same Lock
// may unlock it (Python lets one thread release a lock another acquired).
// Threads of different Locks may share a Mutex only if the Locks share a
// parking lot (Config.ParkWith; core's interpreters of one process do):
// otherwise a waiter of one is never woken by the other's Unlock.
//
// A thread takes a Mutex only while attached: a waiter parks detached,
// and once woken attaches again before it tries for the lock. So a thread
// parked for a stop-the-world holds no Mutex it did not hold when it
// reached its safe point -- and since critical sections never span a safe
// point, a thread running alone after a stop finds every object's mutex
// free, and its unported call is never interrupted by a wait that would
// restart the world.
//
// Whoever uses a Mutex must not hold another across a wait: a thread that
// waits detached while holding one could block a thread running alone
// (the runtime's critical sections release every lock they hold before
// waiting, as CPython's do).
type Mutex struct {
	// state: mutexLocked while held; mutexParked while the lock's parking
	// lot may hold waiters for it (set and cleared under the lot's lock).
	state atomic.Uint32
}

const (
	mutexLocked uint32 = 1 << iota
	mutexParked
)

// TryLock locks m if it is free, without waiting.
func (m *Mutex) TryLock() bool {
	for {
		s := m.state.Load()
		if s&mutexLocked != 0 {
			return false
		}
		if m.state.CompareAndSwap(s, s|mutexLocked) {
			return true
		}
	}
}

// TryLockIdle locks m if it is free and no waiter is parked for it, with
// one compare-and-swap: TryLock's common case, small enough for the
// compiler to inline where it is tried first.
func (m *Mutex) TryLockIdle() bool { return m.state.CompareAndSwap(0, mutexLocked) }

// TryUnlockIdle unlocks m if no waiter is parked for it, with one
// compare-and-swap, and reports whether it did; Unlock does the rest.
func (m *Mutex) TryUnlockIdle() bool { return m.state.CompareAndSwap(mutexLocked, 0) }

// Locked reports whether m is held (a moment's picture, for diagnostics
// and assertions).
func (m *Mutex) Locked() bool { return m.state.Load()&mutexLocked != 0 }

// Idle reports whether m is free with no waiter parked for it (a
// moment's picture: an explorer's test that a lock operation on m now
// neither waits nor wakes anyone).
func (m *Mutex) Idle() bool { return m.state.Load() == 0 }

// Lock locks m for t, an attached thread. If m is held, t waits detached
// (as in Blocking: under the GIL it releases it, and if t is promoted the
// world restarts while it waits).
func (m *Mutex) Lock(t *Thread) error {
	if m.TryLock() {
		return nil
	}
	_, err := m.lockSlow(t, -1)
	return err
}

// LockTimeout is Lock giving up after d (d < 0: never); it reports whether
// it got the lock.
func (m *Mutex) LockTimeout(t *Thread, d time.Duration) (bool, error) {
	if m.TryLock() {
		return true, nil
	}
	if d == 0 {
		return false, nil
	}
	return m.lockSlow(t, d)
}

func (m *Mutex) lockSlow(t *Thread, d time.Duration) (got bool, err error) {
	l := t.lock
	var deadline time.Duration
	if d >= 0 {
		deadline = l.sched.Now() + d
	}
	for {
		// Wait detached until m is released (or the time is up), then
		// attach again before trying for it: a thread takes a Mutex only
		// while attached, so a stopped thread never holds one it is
		// waiting for, and a thread running alone after a stop-the-world
		// finds every critical section's mutex free.
		expired := false
		t.w.handed.Store(false)
		err = t.Blocking(func() {
			t.setWaiting(waitMutex)
			defer t.setWaiting(waitNone)
			if !l.lot.enqueue(m, t.w) {
				return // released meanwhile: try again
			}
			if d < 0 {
				l.sched.Park(t.w)
			} else if rem := deadline - l.sched.Now(); rem > 0 {
				l.sched.ParkTimeout(t.w, rem)
			}
			l.lot.dequeue(m, t.w)
			expired = d >= 0 && l.sched.Now() >= deadline
		})
		if err != nil {
			return false, err
		}
		if t.w.handed.Swap(false) || m.TryLock() {
			return true, nil // handed over (Bugs.HandOff), or taken
		}
		if expired {
			return false, nil
		}
	}
}

// Unlock releases m; t is any thread of the Lock m's waiters wait in. It
// wakes one waiter, which then competes for m like any other thread.
func (m *Mutex) Unlock(t *Thread) {
	if !m.state.CompareAndSwap(mutexLocked, 0) {
		m.unlockSlow(t) // a waiter may be parked (or m is not locked)
	}
}

// unlockSlow is Unlock when m's state is not just "locked", kept apart
// so that Unlock's common case is inlined.
func (m *Mutex) unlockSlow(t *Thread) {
	if m.state.Load()&mutexLocked == 0 {
		panic("eml: unlock of an unlocked Mutex")
	}
	release := t.lock.lot.release
	if t.lock.bugs.HandOff {
		release = t.lock.lot.handOff
	}
	if w := release(m); w != nil {
		t.lock.sched.Unpark(w)
		if t.lock.custom {
			t.lock.sched.Yield(t.w) // a release that wakes a waiter is a switch point
		}
	}
}

// TryUnlock releases m if it is held and reports whether it was: the
// release of a lock that a program may release twice (Python's
// lock.release raises RuntimeError then), safe against two threads
// releasing at once -- exactly one of them gets true. t is any thread of
// the Lock, as for Unlock.
func (m *Mutex) TryUnlock(t *Thread) bool {
	for {
		s := m.state.Load()
		switch {
		case s&mutexLocked == 0:
			return false
		case s == mutexLocked:
			if m.state.CompareAndSwap(s, 0) {
				return true
			}
			continue
		}
		w, ok := t.lock.lot.releaseIfLocked(m)
		if !ok {
			return false
		}
		if w != nil {
			t.lock.sched.Unpark(w)
			if t.lock.custom {
				t.lock.sched.Yield(t.w)
			}
		}
		return true
	}
}
