package eml

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// TestMutexExclusion: threads of every policy increment a plain counter
// under a Mutex while another thread promotes back to back; the count is
// exact, the waits really happened, and nothing deadlocks.
func TestMutexExclusion(t *testing.T) {
	for _, p := range Policies() {
		for _, custom := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/custom=%v", p, custom), func(t *testing.T) {
				var sched Scheduler
				if custom {
					sched = yieldingScheduler{}
				}
				l, _ := New(Config{Policy: p, Scheduler: sched, SwitchInterval: 50 * time.Microsecond})
				var m Mutex
				var counter, inside, overlaps int64
				const workers, rounds = 4, 500
				var remaining atomic.Int64
				remaining.Store(workers)
				var fns []func()
				for i := range workers {
					th := l.Register(fmt.Sprint("w", i))
					fns = append(fns, func() {
						check(th.Attach())
						for range rounds {
							check(th.Poll())
							check(m.Lock(th))
							if atomic.AddInt64(&inside, 1) != 1 {
								atomic.AddInt64(&overlaps, 1)
							}
							c := counter
							for range 50 {
								_ = c
							}
							counter = c + 1
							atomic.AddInt64(&inside, -1)
							m.Unlock(th)
						}
						check(th.Detach())
						check(th.Close())
						remaining.Add(-1)
					})
				}
				promoter := l.Register("promoter")
				fns = append(fns, func() {
					check(promoter.Attach())
					for remaining.Load() > 0 {
						check(promoter.Promote())
						check(promoter.Demote())
						check(promoter.Poll())
					}
					check(promoter.Detach())
					check(promoter.Close())
				})
				waitAll(t, l, fns...)
				if counter != workers*rounds || overlaps != 0 {
					t.Fatalf("counter = %d (want %d), overlapping holders %d", counter, workers*rounds, overlaps)
				}
			})
		}
	}
}

// TestMutexWaitsDetached: a thread waiting for a Mutex does not hold up a
// stop-the-world, and times out when asked to.
func TestMutexWaitsDetached(t *testing.T) {
	l, _ := New(Config{})
	holder, waiter, promoter := l.Register("holder"), l.Register("waiter"), l.Register("promoter")
	var m Mutex
	check(holder.Attach())
	check(m.Lock(holder))
	check(holder.Detach()) // holds m, detached: like a thread blocked on I/O with a lock held

	got := make(chan bool)
	go func() {
		check(waiter.Attach())
		ok, err := m.LockTimeout(waiter, 50*time.Millisecond)
		check(err)
		check(waiter.Detach())
		got <- ok // after Detach: the thread state passes to the next goroutine
	}()
	for waiter.waiting.Load() != waitMutex {
		time.Sleep(time.Millisecond)
	}
	// The waiter is waiting; a promotion must not wait for it.
	check(promoter.Attach())
	check(promoter.Promote())
	check(promoter.Demote())
	check(promoter.Detach())
	if <-got {
		t.Fatalf("LockTimeout got a lock that was held throughout")
	}

	// Unlock from another thread than the one that locked, with a waiter.
	go func() {
		check(waiter.Attach())
		check(m.Lock(waiter))
		m.Unlock(waiter)
		check(waiter.Detach())
		got <- true
	}()
	for waiter.waiting.Load() != waitMutex {
		time.Sleep(time.Millisecond)
	}
	check(promoter.Attach())
	m.Unlock(promoter)
	check(promoter.Detach())
	<-got
	if m.Locked() || len(l.lot.queue) != 0 {
		t.Fatalf("after the last unlock: locked=%v, parking lot %v", m.Locked(), l.lot.queue)
	}
	for _, th := range []*Thread{holder, waiter, promoter} {
		check(th.Close())
	}
}

// TestMutexFreeWhenWorldStopped: a waiter woken while the world is
// stopped does not take the Mutex until it is attached again, so the
// thread that stopped the world finds free every Mutex that no stopped
// thread held at its safe point (the guarantee that keeps an unported
// call from being interrupted by a critical section's wait).
func TestMutexFreeWhenWorldStopped(t *testing.T) {
	for round := range 20 {
		l, _ := New(Config{Policy: PolicyEML})
		holder, waiter, promoter := l.Register("holder"), l.Register("waiter"), l.Register("promoter")
		var m Mutex
		check(holder.Attach())
		check(m.Lock(holder))
		waited := make(chan struct{})
		go func() {
			check(waiter.Attach())
			check(m.Lock(waiter))
			m.Unlock(waiter)
			check(waiter.Detach())
			close(waited)
		}()
		for waiter.waiting.Load() != waitMutex {
			time.Sleep(100 * time.Microsecond)
		}
		check(promoter.Attach())
		free := make(chan bool)
		go func() {
			check(promoter.Promote()) // waits for the holder's safe point
			ok := m.TryLock()
			if ok {
				m.Unlock(promoter)
			}
			check(promoter.Demote())
			check(promoter.Detach())
			free <- ok
		}()
		for l.breaker.Load()&bitStop == 0 {
			time.Sleep(100 * time.Microsecond)
		}
		// Release with the stop pending, give the woken waiter time to
		// run, then reach the safe point.
		m.Unlock(holder)
		time.Sleep(time.Millisecond)
		check(holder.Poll())
		if !<-free {
			t.Fatalf("round %d: the thread running alone found the Mutex taken by a thread that was not running", round)
		}
		check(holder.Detach())
		<-waited
		for _, th := range []*Thread{holder, waiter, promoter} {
			check(th.Close())
		}
	}
}

func TestMutexMisuse(t *testing.T) {
	l, _ := New(Config{})
	th := l.Register("t")
	var m Mutex
	defer func() {
		if r := recover(); r == nil {
			t.Fatalf("unlocking an unlocked Mutex did not panic")
		}
		check(th.Close())
	}()
	// A thread that is not attached cannot wait.
	check(th.Attach())
	check(m.Lock(th))
	check(th.Detach())
	if err := m.Lock(th); !errors.Is(err, ErrDetached) {
		t.Fatalf("Lock of a held Mutex by a detached thread = %v, want ErrDetached", err)
	}
	m.Unlock(th)
	m.Unlock(th)
}
