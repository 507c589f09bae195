package eml

import "sync"

// parkingLot holds the waiters of every Mutex of one Lock, keyed by the
// Mutex's address, so that a Mutex itself is one word.
type parkingLot struct {
	mu    sync.Mutex // leaf; guards queues and every Mutex's mutexParked bit
	queue map[*Mutex][]*Waiter
}

// enqueue queues w on m, marking m as having parked waiters, unless m is
// unlocked by then (it returns false: the caller retries TryLock).
func (p *parkingLot) enqueue(m *Mutex, w *Waiter) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		s := m.state.Load()
		if s&mutexLocked == 0 {
			return false
		}
		if s&mutexParked != 0 || m.state.CompareAndSwap(s, s|mutexParked) {
			break
		}
	}
	if p.queue == nil {
		p.queue = make(map[*Mutex][]*Waiter)
	}
	p.queue[m] = append(p.queue[m], w)
	return true
}

// dequeue removes w from m's queue if it is still there (it timed out or
// woke spuriously).
func (p *parkingLot) dequeue(m *Mutex, w *Waiter) {
	p.mu.Lock()
	defer p.mu.Unlock()
	q := p.queue[m]
	for i, x := range q {
		if x == w {
			q = append(q[:i], q[i+1:]...)
			break
		}
	}
	p.store(m, q)
}

// release unlocks m, which has (or had) parked waiters, and returns the
// first of them to wake, if any.
func (p *parkingLot) release(m *Mutex) *Waiter {
	p.mu.Lock()
	defer p.mu.Unlock()
	q := p.queue[m]
	var w *Waiter
	if len(q) > 0 {
		w, q = q[0], q[1:]
	}
	p.store(m, q)
	for { // clear the locked bit, keeping mutexParked as store left it
		s := m.state.Load()
		if m.state.CompareAndSwap(s, s&^mutexLocked) {
			return w
		}
	}
}

// handOff is release under Bugs.HandOff: if m has a waiter, m stays
// locked and passes to the first of them, which is marked handed and
// returned; with none, m is unlocked.
func (p *parkingLot) handOff(m *Mutex) *Waiter {
	p.mu.Lock()
	q := p.queue[m]
	if len(q) == 0 {
		p.mu.Unlock()
		return p.release(m)
	}
	defer p.mu.Unlock()
	w := q[0]
	p.store(m, q[1:])
	w.handed.Store(true)
	return w
}

// releaseIfLocked is release for a Mutex that another thread may release
// at the same moment: it unlocks m only if m is locked, and reports false,
// changing nothing, if it is not. Clearing the locked bit with a
// compare-and-swap under p.mu makes exactly one of two releasers win.
func (p *parkingLot) releaseIfLocked(m *Mutex) (*Waiter, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		s := m.state.Load()
		if s&mutexLocked == 0 {
			return nil, false
		}
		if m.state.CompareAndSwap(s, s&^mutexLocked) {
			break
		}
	}
	q := p.queue[m]
	var w *Waiter
	if len(q) > 0 {
		w, q = q[0], q[1:]
	}
	p.store(m, q)
	return w, true
}

// store saves m's queue and keeps m's mutexParked bit equal to "the queue
// is not empty". p.mu is held.
func (p *parkingLot) store(m *Mutex, q []*Waiter) {
	if len(q) == 0 {
		delete(p.queue, m)
		for {
			s := m.state.Load()
			if m.state.CompareAndSwap(s, s&^mutexParked) {
				return
			}
		}
	}
	p.queue[m] = q
}
