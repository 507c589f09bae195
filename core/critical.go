package core

import (
	"unsafe"

	"github.com/rwgil/rwgil/eml"

	"github.com/rwgil/rwgil/internal/mutant"
)

// Per-object critical sections (PEP 703).
//
// Every operation on a mutable built-in object runs inside a critical
// section on it: the object's Header mutex is held for the operation, so
// the operation is atomic -- the FAQ's atomic operations stay atomic under
// every policy, free included. Two-object operations (L1.extend(L2),
// D1.update(D2), L1[i:j] = L2, L1 == L2) lock both, in address order.
//
// A thread keeps a stack of the sections it is in. Two rules keep them
// from ever deadlocking, and from ever holding up a stop-the-world:
//
//  1. A thread never waits while holding a section. Every wait of the lock
//     that detaches the thread -- for a section's contended mutex, for any
//     other eml.Mutex (a thread-module lock an extension takes inside a
//     section), in AllowThreads or Sleep, parked at a safe point, queued
//     to promote -- first suspends (unlocks) every section the thread
//     holds, and once the thread is attached again resumes the innermost.
//     It is one mechanism, not a rule per call site: the thread's
//     eml.Suspender, which eml calls around each such wait, as CPython
//     suspends critical sections in every detach of a thread state. When a
//     section ends, the one below it, if suspended, is resumed: only the
//     top section is ever re-taken.
//  2. A section never spans a call into Python code. Where an operation
//     calls back (an __eq__, a sort key), Thread.Call suspends the
//     sections first and resumes the top one after. So a thread parked at
//     a safe point, or blocked, holds no object lock, and the thread that
//     runs alone while the world is stopped can never wait for one
//     (CPython's gh-118332 was a stop-the-world deadlock of exactly that
//     kind).
//
// A suspended section has lost its atomicity: the operation that called
// back must re-validate what it read (a dict lookup restarts when the
// dict changed meanwhile; list.sort empties the list for its duration).
//
// Under the gil policy sections do nothing: one thread runs at a time and
// a switch can only happen at a safe point, as in CPython's default build.

// section is one entry of a thread's critical-section stack.
type section struct {
	a, b *eml.Mutex // a nil: a section on a mutex the enclosing section holds
	held bool
}

// beginCS enters a critical section on o.
func (th *Thread) beginCS(o Object) {
	if !th.csOn || mutant.On(mutant.CriticalNoLock) {
		return
	}
	m := &headerOf(o).mu
	if len(th.cs) != 0 {
		if top, ok := th.topSection(); ok && top.held && (top.a == m || top.b == m) {
			th.cs = append(th.cs, section{held: true}) // already ours
			return
		}
	}
	if !m.TryLock() {
		th.blockedOn = o
		th.acquire(m, nil) // a wait suspends the sections held (rule 1)
		th.blockedOn = nil
	}
	th.cs = append(th.cs, section{a: m, held: true})
}

// beginLeafCS enters a critical section on o for a leaf operation: one
// that, while it holds the section, neither waits, nor calls anything
// that may run Python code, detach or take another section, nor drops a
// reference that may be the last (a deallocation may take sections), nor
// panics (a probe of a table whose comparisons call nothing out, a
// cell's load or store, a list's item; what it replaces it drops after
// the section). Such a section can never be suspended or resumed, so when o's
// mutex is free it is taken without entering the thread's stack of
// sections, at the cost of a compare-and-swap and an unlock; otherwise
// (held by another thread, or by this one in an enclosing section) it is
// an ordinary section, and the result is fullSection. The caller passes
// the result to endLeafCS: nil (no section: gil), o's mutex, or
// fullSection.
func (th *Thread) beginLeafCS(o Object) *eml.Mutex {
	if !th.csOn || mutant.On(mutant.CriticalNoLock) {
		return nil
	}
	if m := &headerOf(o).mu; m.TryLockIdle() {
		return m
	}
	return th.beginLeafSlow(o)
}

// fullSection is what beginLeafCS returns for a section on the thread's
// stack; it is never locked.
var fullSection eml.Mutex

// beginLeafSlow is beginLeafCS past its one compare-and-swap (a waiter
// may be parked for the mutex, or it is held).
func (th *Thread) beginLeafSlow(o Object) *eml.Mutex {
	if m := &headerOf(o).mu; m.TryLock() {
		return m
	}
	th.beginCS(o)
	return &fullSection
}

// endLeafCS leaves the section beginLeafCS entered.
func (th *Thread) endLeafCS(m *eml.Mutex) {
	if m != nil && !m.TryUnlockIdle() {
		th.endLeafSlow(m)
	}
}

// endLeafSlow is endLeafCS past its one compare-and-swap.
func (th *Thread) endLeafSlow(m *eml.Mutex) {
	if m == &fullSection {
		th.endCS()
		return
	}
	m.Unlock(th.eml)
}

// beginCS2 enters a critical section on two objects at once.
func (th *Thread) beginCS2(x, y Object) {
	if !th.csOn || mutant.On(mutant.CriticalNoLock) {
		return
	}
	a, b := &headerOf(x).mu, &headerOf(y).mu
	if a == b {
		th.beginCS(x)
		return
	}
	if addr(b) < addr(a) {
		a, b = b, a
	}
	if top, ok := th.topSection(); ok && top.held && top.a == a && top.b == b {
		th.cs = append(th.cs, section{held: true})
		return
	}
	if a.TryLock() {
		if b.TryLock() {
			th.cs = append(th.cs, section{a: a, b: b, held: true})
			return
		}
		a.Unlock(th.eml)
	}
	th.blockedOn = x
	th.acquire(a, b)
	th.blockedOn = nil
	th.cs = append(th.cs, section{a: a, b: b, held: true})
}

// endCS leaves the innermost critical section and resumes the one below
// if it was suspended.
func (th *Thread) endCS() {
	if !th.csOn || mutant.On(mutant.CriticalNoLock) {
		return
	}
	n := len(th.cs) - 1
	s := th.cs[n]
	th.cs = th.cs[:n]
	if s.held && s.a != nil {
		s.a.Unlock(th.eml)
		if s.b != nil {
			s.b.Unlock(th.eml)
		}
	}
	if n != 0 && !th.cs[n-1].held {
		th.resumeSection()
	}
}

// suspendSections unlocks every section the thread holds.
func (th *Thread) suspendSections() {
	for i := range th.cs {
		s := &th.cs[i]
		if s.held {
			s.held = false
			if s.a != nil {
				s.a.Unlock(th.eml)
				if s.b != nil {
					s.b.Unlock(th.eml)
				}
			}
		}
	}
}

// topSection returns the innermost section that has mutexes of its own:
// a section on a mutex its enclosing section holds (a nil) stands for
// that one.
func (th *Thread) topSection() (section, bool) {
	for i := len(th.cs) - 1; i >= 0; i-- {
		if th.cs[i].a != nil {
			return th.cs[i], true
		}
	}
	return section{}, false
}

// resumeSection re-takes the innermost section if it is suspended. Every
// section below it stays suspended until it becomes the innermost -- but
// for the sections an innermost section on the same mutex stands for,
// which are re-taken with it. A section is marked held only once its
// mutexes are, so that a wait while re-taking them (which suspends) finds
// nothing to release.
func (th *Thread) resumeSection() {
	n := len(th.cs)
	if n == 0 || th.cs[n-1].held {
		return
	}
	i := n - 1
	for i > 0 && th.cs[i].a == nil {
		i--
	}
	if s := th.cs[i]; s.a != nil && !s.held {
		if !s.a.TryLock() {
			th.acquire(s.a, s.b)
		} else if s.b != nil && !s.b.TryLock() {
			s.a.Unlock(th.eml)
			th.acquire(s.a, s.b)
		}
	}
	for j := i; j < n; j++ {
		th.cs[j].held = true
	}
}

// heldSections reports whether the thread holds any section.
func (th *Thread) heldSections() bool {
	for _, s := range th.cs {
		if s.held {
			return true
		}
	}
	return false
}

// acquire locks a (and b, if not nil, in that order), never holding one
// while waiting for the other; a wait suspends the sections the thread
// holds (the Suspender), and the resumption after it leaves the section
// being acquired to acquire.
func (th *Thread) acquire(a, b *eml.Mutex) {
	th.acquiring++
	defer func() { th.acquiring-- }()
	for {
		if err := a.Lock(th.eml); err != nil {
			panic("core: critical section on a thread that is not attached: " + err.Error())
		}
		if b == nil || b.TryLock() {
			return
		}
		a.Unlock(th.eml)
		if err := b.Lock(th.eml); err != nil {
			panic("core: critical section on a thread that is not attached: " + err.Error())
		}
		if a.TryLock() {
			return
		}
		b.Unlock(th.eml)
	}
}

// addr orders mutexes for two-object sections. Go's collector does not
// move heap objects, so the order is stable.
func addr(m *eml.Mutex) uintptr { return uintptr(unsafe.Pointer(m)) }

// sectionSuspender is a thread as the eml.Suspender of its eml thread:
// every wait of the lock that detaches it suspends its sections, and the
// innermost is resumed once it is attached again (rule 1).
type sectionSuspender Thread

func (s *sectionSuspender) Suspend() { (*Thread)(s).suspendSections() }

// Resume re-takes the innermost section, unless the wait was acquire's
// own (taking a section's mutex, or re-taking one in resumeSection): the
// section acquire is taking is not on the stack yet, and the one below
// it must stay suspended until it ends.
func (s *sectionSuspender) Resume() {
	if th := (*Thread)(s); th.acquiring == 0 {
		th.resumeSection()
	}
}
