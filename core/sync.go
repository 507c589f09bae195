package core

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// The native locking layer: locks, re-entrant locks, conditions,
// semaphores, events and barriers, for the threading module and for
// extension modules, which call it directly from Go -- Coghlan's proposal
// asks for exactly this: the locking that CPython's threading implements
// in Python, native, so that the core and extensions share one
// low-overhead arrangement.
//
// Every wait of the layer is a wait for an eml.Mutex: the thread waits
// detached (under the GIL another thread takes it, a stop-the-world
// proceeds without it), its critical sections are suspended for the wait
// and the innermost resumed after (the thread's eml.Suspender, as for
// every wait that detaches), and under a Sequencer the wait is a
// scheduling point, labelled with what it waits for -- so the
// deterministic scheduler sees every thread that waits on any primitive,
// and reports a deadlock when all of them do.
//
// A lock's fast path is the eml.Mutex's: one compare-and-swap to acquire,
// one to release. Timeouts are measured on the lock's Scheduler clock,
// the virtual clock under a Sequencer. A timeout below zero (Forever)
// means no limit.
//
// Errors are Python exceptions where CPython raises one (releasing an
// unlocked lock is RuntimeError), and the lock's sentinel errors for a
// thread that cannot wait (not attached, closed).

// initSyncTypes makes the layer's exception class, BrokenBarrierError
// (threading's: a RuntimeError).
func (rt *Runtime) initSyncTypes() {
	t := rt.newBuiltinType("BrokenBarrierError", rt.types.exc.RuntimeError, nil)
	t.exception = true
	t.module = "threading"
	rt.brokenBarrier = t
	// The lock types are _thread's, as CPython's: <class '_thread.lock'>.
	rt.types.lock.module = "_thread"
	rt.types.rlock.module = "_thread"
}

// BrokenBarrierError is the class Barrier raises when it is broken.
func (rt *Runtime) BrokenBarrierError() *Type { return rt.brokenBarrier }

func (rt *Runtime) brokenBarrierType() *Type { return rt.brokenBarrier }

// Forever is the timeout of a wait with no limit.
const Forever time.Duration = -1

// Locker is a lock a Condition can wait on: Lock and RLock, or an
// extension's own.
type Locker interface {
	Acquire(th *Thread, blocking bool, timeout time.Duration) (bool, error)
	Release(th *Thread) error
}

// waitTarget is something a thread waits for, as its Label names it.
type waitTarget interface {
	describeWait(b *strings.Builder)
}

// Lock is a lock that any thread may release (threading.Lock, CPython's
// PyThread_type_lock). The zero value is an unlocked lock; Thread.NewLock
// numbers the lock for deadlock reports as well.
type Lock struct {
	mu     eml.Mutex
	serial int64 // numbers the runtime's locks, for deadlock reports
	// holder is the thread that acquired it, for deadlock reports and
	// thread dumps. It is a plain field, written only by a thread holding
	// the lock (so the mutex orders the writes) and read only where
	// nothing runs beside the reader -- under a Sequencer, or with the
	// world stopped for a dump -- so that the fast path costs exactly the
	// eml.Mutex's two compare-and-swaps.
	holder *Thread
}

// NewLock returns a new unlocked Lock.
func (th *Thread) NewLock() *Lock { return &Lock{serial: th.rt.lockSerial.Add(1)} }

// Acquire takes the lock. If it is held and blocking is true, the thread
// waits for it, for at most timeout (Forever: no limit); if blocking is
// false it does not wait, and timeout must be Forever (else ValueError,
// as in CPython). It reports whether it got the lock.
func (l *Lock) Acquire(th *Thread, blocking bool, timeout time.Duration) (bool, error) {
	if !blocking && timeout >= 0 {
		return false, th.Raise(th.rt.types.exc.ValueError, "can't specify a timeout for a non-blocking call")
	}
	if l.mu.TryLock() {
		l.holder = th
		return true, nil
	}
	if !blocking || timeout == 0 {
		return false, nil
	}
	th.blockedOn = l
	ok, err := th.lockInterruptibly(&l.mu, timeout)
	th.blockedOn = nil
	if ok {
		l.holder = th
	}
	return ok, err
}

// Release frees the lock; releasing a lock that is not held raises
// RuntimeError.
func (l *Lock) Release(th *Thread) error {
	if !l.mu.Locked() {
		return th.Raise(th.rt.types.exc.RuntimeError, "release unlocked lock")
	}
	l.holder = nil
	if !l.mu.TryUnlock(th.eml) {
		return th.Raise(th.rt.types.exc.RuntimeError, "release unlocked lock")
	}
	return nil
}

// Locked reports whether the lock is held (a moment's picture).
func (l *Lock) Locked() bool { return l.mu.Locked() }

func (l *Lock) describeWait(b *strings.Builder) {
	b.WriteString("lock")
	if l.serial != 0 {
		fmt.Fprintf(b, " #%d", l.serial)
	}
	if h := l.holder; h != nil {
		b.WriteString(" held by " + h.name)
	}
}

// RLock is a re-entrant lock (threading.RLock): its owner may acquire it
// again, and must release it as many times. The zero value is an
// unlocked RLock; Thread.NewRLock numbers it for deadlock reports too.
type RLock struct {
	mu     eml.Mutex
	serial int64
	owner  atomic.Pointer[Thread]
	count  int // the owner's alone
}

// NewRLock returns a new unlocked RLock.
func (th *Thread) NewRLock() *RLock { return &RLock{serial: th.rt.lockSerial.Add(1)} }

// Acquire takes the lock, or counts one more acquisition by its owner;
// blocking and timeout as for Lock.Acquire.
func (l *RLock) Acquire(th *Thread, blocking bool, timeout time.Duration) (bool, error) {
	if !blocking && timeout >= 0 {
		return false, th.Raise(th.rt.types.exc.ValueError, "can't specify a timeout for a non-blocking call")
	}
	if l.owner.Load() == th {
		l.count++
		return true, nil
	}
	if !l.mu.TryLock() {
		if !blocking || timeout == 0 {
			return false, nil
		}
		th.blockedOn = l
		ok, err := th.lockInterruptibly(&l.mu, timeout)
		th.blockedOn = nil
		if !ok {
			return false, err
		}
	}
	l.owner.Store(th)
	l.count = 1
	return true, nil
}

// Release undoes one acquisition by the owner; the last frees the lock.
// A thread that does not own it gets RuntimeError.
func (l *RLock) Release(th *Thread) error {
	if l.owner.Load() != th {
		return th.Raise(th.rt.types.exc.RuntimeError, "cannot release un-acquired lock")
	}
	if l.count--; l.count == 0 {
		l.owner.Store(nil)
		l.mu.Unlock(th.eml)
	}
	return nil
}

// IsOwned reports whether th holds the lock.
func (l *RLock) IsOwned(th *Thread) bool { return l.owner.Load() == th }

// Count is how many times its owner holds the lock (0: free); only
// meaningful to the owner or when nobody runs.
func (l *RLock) Count() int {
	if l.owner.Load() == nil {
		return 0
	}
	return l.count
}

// Owner is the thread holding the lock, or nil.
func (l *RLock) Owner() *Thread { return l.owner.Load() }

// releaseSave frees the lock entirely for a Condition wait and returns
// the count to restore.
func (l *RLock) releaseSave(th *Thread) (int, error) {
	if l.owner.Load() != th {
		return 0, th.Raise(th.rt.types.exc.RuntimeError, "cannot release un-acquired lock")
	}
	n := l.count
	l.count = 0
	l.owner.Store(nil)
	l.mu.Unlock(th.eml)
	return n, nil
}

// acquireRestore takes the lock back after a Condition wait.
func (l *RLock) acquireRestore(th *Thread, n int) error {
	if _, err := l.Acquire(th, true, Forever); err != nil {
		return err
	}
	l.count = n
	return nil
}

func (l *RLock) describeWait(b *strings.Builder) {
	b.WriteString("RLock")
	if l.serial != 0 {
		fmt.Fprintf(b, " #%d", l.serial)
	}
	if h := l.owner.Load(); h != nil {
		b.WriteString(" held by " + h.name)
	}
}

// OwnedLocker is a Locker that knows whether a thread holds it; a
// Condition on one checks ownership with it.
type OwnedLocker interface {
	Locker
	IsOwned(th *Thread) bool
}

// Condition is a condition variable on a Locker (threading.Condition):
// Wait releases the lock, waits to be notified, and takes the lock back.
// Waiters are woken in the order they began to wait. Make one with
// Thread.NewCondition.
type Condition struct {
	lock   Locker
	serial int64
	mu     sync.Mutex // leaf; guards waiters
	// waiters are the threads waiting, oldest first: each waits for its
	// own eml.Mutex, locked when the wait begins, which Notify unlocks.
	waiters []*condWaiter
	// what, if set, says what a waiter waits for in deadlock reports
	// (an Event's, a Semaphore's, a Barrier's own words); set before
	// anyone waits.
	what string
}

type condWaiter struct{ m eml.Mutex }

// NewCondition returns a condition variable on lock; nil means a new
// RLock, as threading.Condition() makes.
func (th *Thread) NewCondition(lock Locker) *Condition {
	if lock == nil {
		lock = th.NewRLock()
	}
	return &Condition{lock: lock, serial: th.rt.lockSerial.Add(1)}
}

// Describe sets what a thread waiting on the condition waits for, in
// deadlock reports and thread dumps ("an item on queue #3"); call it
// before anyone waits.
func (c *Condition) Describe(what string) { c.what = what }

// Locker returns the condition's lock.
func (c *Condition) Locker() Locker { return c.lock }

// Acquire takes the condition's lock.
func (c *Condition) Acquire(th *Thread, blocking bool, timeout time.Duration) (bool, error) {
	return c.lock.Acquire(th, blocking, timeout)
}

// Release frees the condition's lock.
func (c *Condition) Release(th *Thread) error { return c.lock.Release(th) }

// IsOwned reports whether th holds the condition's lock, as CPython's
// Condition._is_owned decides it: for a lock that cannot tell who holds
// it, whether anyone does.
func (c *Condition) IsOwned(th *Thread) (bool, error) {
	switch l := c.lock.(type) {
	case OwnedLocker:
		return l.IsOwned(th), nil
	case *Lock:
		if l.mu.TryLock() {
			l.mu.Unlock(th.eml)
			return false, nil
		}
		return true, nil
	}
	ok, err := c.lock.Acquire(th, false, Forever)
	if err != nil || !ok {
		return !ok, err
	}
	return false, c.lock.Release(th)
}

// Wait releases the lock, which th must hold, waits until notified or
// until timeout passes (Forever: no limit; 0 or less: no wait), takes the
// lock back, and reports whether it was notified in time.
func (c *Condition) Wait(th *Thread, timeout time.Duration) (bool, error) {
	owned, err := c.IsOwned(th)
	if err != nil {
		return false, err
	}
	if !owned {
		return false, th.Raise(th.rt.types.exc.RuntimeError, "cannot wait on un-acquired lock")
	}
	w := &condWaiter{}
	w.m.TryLock()
	c.mu.Lock()
	c.waiters = append(c.waiters, w)
	c.mu.Unlock()
	saved, err := c.releaseSave(th)
	if err != nil {
		c.remove(w)
		return false, err
	}
	var got bool
	switch {
	case timeout < 0:
		th.blockedOn = c
		got, err = th.lockInterruptibly(&w.m, Forever)
		th.blockedOn = nil
	case timeout > 0:
		th.blockedOn = c
		got, err = th.lockInterruptibly(&w.m, timeout)
		th.blockedOn = nil
	default:
		got = w.m.TryLock()
	}
	if !got {
		// Not notified in time. A Notify between the time-out and this
		// removal is lost to this waiter, as in CPython.
		c.remove(w)
	}
	if rerr := c.acquireRestore(th, saved); err == nil {
		err = rerr
	}
	return got, err
}

// WaitFor waits until pred returns true (it is called with the lock
// held, before the first wait and after each), or until timeout passes;
// it returns pred's last result. An error from pred ends the wait.
func (c *Condition) WaitFor(th *Thread, pred func() (bool, error), timeout time.Duration) (bool, error) {
	ok, err := pred()
	if err != nil || ok {
		return ok, err
	}
	sched := th.rt.lock.Scheduler()
	deadline := sched.Now() + timeout
	wait := timeout
	for !ok {
		if timeout >= 0 {
			if wait = deadline - sched.Now(); wait <= 0 {
				break
			}
		}
		if _, err := c.Wait(th, wait); err != nil {
			return false, err
		}
		if ok, err = pred(); err != nil {
			return false, err
		}
	}
	return ok, nil
}

// Notify wakes up to n of the threads waiting, oldest first; th must hold
// the lock.
func (c *Condition) Notify(th *Thread, n int) error {
	owned, err := c.IsOwned(th)
	if err != nil {
		return err
	}
	if !owned {
		return th.Raise(th.rt.types.exc.RuntimeError, "cannot notify on un-acquired lock")
	}
	for n > 0 {
		c.mu.Lock()
		if len(c.waiters) == 0 {
			c.mu.Unlock()
			break
		}
		w := c.waiters[0]
		c.waiters[0] = nil
		c.waiters = c.waiters[1:]
		c.mu.Unlock()
		w.m.Unlock(th.eml)
		n--
	}
	return nil
}

// NotifyAll wakes every thread waiting; th must hold the lock.
func (c *Condition) NotifyAll(th *Thread) error { return c.Notify(th, math.MaxInt) }

// Waiting is how many threads wait (a moment's picture).
func (c *Condition) Waiting() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

func (c *Condition) remove(w *condWaiter) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, x := range c.waiters {
		if x == w {
			c.waiters = append(c.waiters[:i], c.waiters[i+1:]...)
			return
		}
	}
}

// releaseSave frees the lock for a wait (an RLock entirely).
func (c *Condition) releaseSave(th *Thread) (int, error) {
	if r, ok := c.lock.(*RLock); ok {
		return r.releaseSave(th)
	}
	return 0, c.lock.Release(th)
}

func (c *Condition) acquireRestore(th *Thread, saved int) error {
	if r, ok := c.lock.(*RLock); ok {
		return r.acquireRestore(th, saved)
	}
	_, err := c.lock.Acquire(th, true, Forever)
	return err
}

func (c *Condition) describeWait(b *strings.Builder) {
	if c.what != "" {
		b.WriteString(c.what)
		return
	}
	fmt.Fprintf(b, "a notify of condition #%d", c.serial)
}

// Semaphore is a counter that Acquire decrements, waiting while it is
// zero, and Release increments (threading.Semaphore; with a bound,
// threading.BoundedSemaphore). Make one with Thread.NewSemaphore.
type Semaphore struct {
	cond  Condition
	lock  Lock
	value atomic.Int64 // written with lock held
	// bound is the initial value of a bounded semaphore, or -1.
	bound int64
}

// NewSemaphore returns a semaphore with the given initial value; bounded
// makes Release refuse to raise the value above it. A negative value
// raises ValueError.
func (th *Thread) NewSemaphore(value int64, bounded bool) (*Semaphore, error) {
	if value < 0 {
		return nil, th.Raise(th.rt.types.exc.ValueError, "semaphore initial value must be >= 0")
	}
	s := &Semaphore{bound: -1}
	s.value.Store(value)
	if bounded {
		s.bound = value
	}
	s.lock.serial = th.rt.lockSerial.Add(1)
	s.cond = Condition{lock: &s.lock, serial: s.lock.serial, what: fmt.Sprintf("semaphore #%d", s.lock.serial)}
	return s, nil
}

// Acquire decrements the value, waiting while it is zero for at most
// timeout (Forever: no limit), and reports whether it did. blocking false
// does not wait; a timeout with it raises ValueError, as in CPython.
func (s *Semaphore) Acquire(th *Thread, blocking bool, timeout time.Duration) (bool, error) {
	if !blocking && timeout >= 0 {
		return false, th.Raise(th.rt.types.exc.ValueError, "can't specify timeout for non-blocking acquire")
	}
	if _, err := s.lock.Acquire(th, true, Forever); err != nil {
		return false, err
	}
	got := false
	var err error
	if s.value.Load() > 0 {
		s.value.Add(-1)
		got = true
	} else if blocking {
		got, err = s.cond.WaitFor(th, func() (bool, error) { return s.value.Load() > 0, nil }, timeout)
		if got {
			s.value.Add(-1)
		}
	}
	if rerr := s.lock.Release(th); err == nil {
		err = rerr
	}
	return got, err
}

// Release adds n (at least 1, else ValueError) to the value and wakes up
// to n waiters. A bounded semaphore raises ValueError rather than exceed
// its initial value.
func (s *Semaphore) Release(th *Thread, n int64) error {
	if n < 1 {
		return th.Raise(th.rt.types.exc.ValueError, "n must be one or more")
	}
	if _, err := s.lock.Acquire(th, true, Forever); err != nil {
		return err
	}
	var err error
	switch v := s.value.Load(); {
	case s.bound >= 0 && v+n > s.bound:
		err = th.Raise(th.rt.types.exc.ValueError, "Semaphore released too many times")
	case v > math.MaxInt64-n:
		err = th.Raise(th.rt.types.exc.OverflowError, "semaphore value too large")
	default:
		s.value.Add(n)
		err = s.cond.Notify(th, int(min(n, math.MaxInt32)))
	}
	if rerr := s.lock.Release(th); err == nil {
		err = rerr
	}
	return err
}

// Value is the semaphore's value (a moment's picture).
func (s *Semaphore) Value() int64 { return s.value.Load() }

// Bound is a bounded semaphore's initial value, or -1.
func (s *Semaphore) Bound() int64 { return s.bound }

// Event is a flag that threads wait for (threading.Event). Make one with
// Thread.NewEvent.
type Event struct {
	lock Lock
	cond Condition
	flag atomic.Bool
}

// NewEvent returns a new event, not set.
func (th *Thread) NewEvent() *Event {
	e := &Event{}
	e.lock.serial = th.rt.lockSerial.Add(1)
	e.cond = Condition{lock: &e.lock, serial: e.lock.serial, what: fmt.Sprintf("event #%d to be set", e.lock.serial)}
	return e
}

// Describe sets what a thread waiting for the event waits for, in
// deadlock reports and thread dumps ("the end of Thread-1" for a join);
// call it before anyone waits.
func (e *Event) Describe(what string) { e.cond.what = what }

// IsSet reports whether the flag is set.
func (e *Event) IsSet() bool { return e.flag.Load() }

// Set sets the flag and wakes every waiter.
func (e *Event) Set(th *Thread) error {
	if _, err := e.lock.Acquire(th, true, Forever); err != nil {
		return err
	}
	e.flag.Store(true)
	err := e.cond.NotifyAll(th)
	if rerr := e.lock.Release(th); err == nil {
		err = rerr
	}
	return err
}

// Clear resets the flag.
func (e *Event) Clear(th *Thread) error {
	if _, err := e.lock.Acquire(th, true, Forever); err != nil {
		return err
	}
	e.flag.Store(false)
	return e.lock.Release(th)
}

// Wait waits until the flag is set, for at most timeout (Forever: no
// limit), and reports whether it is set.
func (e *Event) Wait(th *Thread, timeout time.Duration) (bool, error) {
	if _, err := e.lock.Acquire(th, true, Forever); err != nil {
		return false, err
	}
	set := e.flag.Load()
	var err error
	if !set {
		set, err = e.cond.Wait(th, timeout)
	}
	if rerr := e.lock.Release(th); err == nil {
		err = rerr
	}
	return set, err
}

// Barrier makes a fixed number of threads wait for each other
// (threading.Barrier): each Wait blocks until parties threads have
// called it, then all go on together. A time-out, an Abort or a failing
// action breaks it: every waiter, and every later Wait until Reset,
// raises BrokenBarrierError. Make one with Thread.NewBarrier.
type Barrier struct {
	lock    Lock
	cond    Condition
	parties int
	action  func(th *Thread) error
	timeout time.Duration
	// state is barrierFilling, barrierDraining, barrierResetting or
	// barrierBroken; count the threads inside Wait. Guarded by lock.
	state int
	count int
}

const (
	barrierFilling = iota
	barrierDraining
	barrierResetting
	barrierBroken
)

// NewBarrier returns a barrier for parties threads. action, if not nil,
// runs in one of the threads when they are all there, before any goes on;
// timeout is the default for Wait (Forever: none).
func (th *Thread) NewBarrier(parties int, action func(th *Thread) error, timeout time.Duration) *Barrier {
	b := &Barrier{parties: parties, action: action, timeout: timeout}
	b.lock.serial = th.rt.lockSerial.Add(1)
	b.cond = Condition{lock: &b.lock, serial: b.lock.serial, what: fmt.Sprintf("barrier #%d (%d parties)", b.lock.serial, parties)}
	return b
}

// Parties is the number of threads the barrier waits for.
func (b *Barrier) Parties() int { return b.parties }

// Waiting is the number of threads waiting in the barrier now.
func (b *Barrier) Waiting(th *Thread) (int, error) {
	n := 0
	err := b.locked(th, func() error {
		if b.state == barrierFilling {
			n = b.count
		}
		return nil
	})
	return n, err
}

// Broken reports whether the barrier is broken.
func (b *Barrier) Broken(th *Thread) (bool, error) {
	broken := false
	err := b.locked(th, func() error { broken = b.state == barrierBroken; return nil })
	return broken, err
}

func (b *Barrier) locked(th *Thread, fn func() error) error {
	if _, err := b.lock.Acquire(th, true, Forever); err != nil {
		return err
	}
	err := fn()
	if rerr := b.lock.Release(th); err == nil {
		err = rerr
	}
	return err
}

// Wait waits for the other parties, for at most timeout (Forever: the
// barrier's own timeout, if it has one), and returns this thread's index
// in the round, 0 for the first to arrive to parties-1 for the last, or
// raises BrokenBarrierError. The last to arrive runs the action.
func (b *Barrier) Wait(th *Thread, timeout time.Duration) (int, error) {
	if timeout < 0 {
		timeout = b.timeout
	}
	index := 0
	err := b.locked(th, func() error {
		// Wait while a previous round drains or a reset finishes.
		for b.state == barrierDraining || b.state == barrierResetting {
			if _, err := b.cond.Wait(th, Forever); err != nil {
				return err
			}
		}
		if b.state == barrierBroken {
			return th.Raise(th.rt.brokenBarrierType(), "")
		}
		index = b.count
		b.count++
		var err error
		if index+1 == b.parties {
			err = b.releaseLocked(th)
		} else {
			err = b.waitLocked(th, timeout)
		}
		b.count--
		if b.count == 0 && (b.state == barrierDraining || b.state == barrierResetting) {
			// The last one out lets the next round fill.
			b.state = barrierFilling
			if nerr := b.cond.NotifyAll(th); err == nil {
				err = nerr
			}
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	return index, nil
}

// releaseLocked is the last arrival's part: the action, then the others
// go on.
func (b *Barrier) releaseLocked(th *Thread) error {
	if b.action != nil {
		if err := b.action(th); err != nil {
			b.breakLocked(th)
			return err
		}
	}
	b.state = barrierDraining
	return b.cond.NotifyAll(th)
}

// waitLocked waits for the last arrival; a time-out breaks the barrier.
func (b *Barrier) waitLocked(th *Thread, timeout time.Duration) error {
	ok, err := b.cond.WaitFor(th, func() (bool, error) { return b.state != barrierFilling, nil }, timeout)
	if err != nil {
		return err
	}
	if !ok {
		b.breakLocked(th)
		return th.Raise(th.rt.brokenBarrierType(), "")
	}
	if b.state != barrierDraining {
		return th.Raise(th.rt.brokenBarrierType(), "")
	}
	return nil
}

// breakLocked puts the barrier in the broken state and wakes everyone.
func (b *Barrier) breakLocked(th *Thread) {
	b.state = barrierBroken
	_ = b.cond.NotifyAll(th)
}

// Abort breaks the barrier: every thread waiting, and every later Wait
// until Reset, raises BrokenBarrierError.
func (b *Barrier) Abort(th *Thread) error {
	return b.locked(th, func() error { b.breakLocked(th); return nil })
}

// Reset returns the barrier to its empty state; threads waiting in it
// raise BrokenBarrierError.
func (b *Barrier) Reset(th *Thread) error {
	return b.locked(th, func() error {
		if b.count > 0 {
			if b.state == barrierFilling || b.state == barrierBroken {
				b.state = barrierResetting // the last one out clears it
			}
		} else {
			b.state = barrierFilling
		}
		return b.cond.NotifyAll(th)
	})
}
