package core

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// Ensure across interpreters (Sitbon, 2009): extension code running on a
// thread of interpreter A, holding A's lock, calls Ensure for interpreter
// B. With a lock per interpreter that only attaches a thread to B's lock
// too. With one lock shared by A and B, the thread would wait for the lock
// it holds; Config.EnsureAcross chooses what happens then.

// EnsureMode is what EnsureFrom does when the two interpreters share a
// lock.
type EnsureMode uint8

const (
	// EnsureError: the call fails with ErrEnsureSharedLock, naming both
	// interpreters (Sitbon's preference).
	EnsureError EnsureMode = iota
	// EnsureDeadlock: the call attaches as Ensure does, and waits for the
	// lock the caller holds -- CPython 2.x's behaviour, reproduced: under
	// the gil policy it never returns, and the deterministic scheduler's
	// deadlock detector or the watchdog reports it.
	EnsureDeadlock
	// EnsureRecursive: the caller's hold counts for the new thread, as a
	// recursive lock counts: the new thread runs on the holder's
	// attachment to the shared lock (its eml thread), which is never let
	// go -- no other thread can take the lock in between, and a promotion
	// the holder is in (an unported call, a stop of the world) goes on
	// through it -- and ReleaseFrom gives the attachment back to the
	// holder alone. The new thread's safe points are the holder's: under
	// gil the GIL may change hands at one, as it may at any safe point of
	// code the holder calls.
	EnsureRecursive
)

var ensureModeNames = [...]string{EnsureError: "error", EnsureDeadlock: "deadlock", EnsureRecursive: "recursive"}

func (m EnsureMode) String() string {
	if int(m) < len(ensureModeNames) {
		return ensureModeNames[m]
	}
	return fmt.Sprintf("EnsureMode(%d)", m)
}

// ParseEnsureMode parses "error", "deadlock" or "recursive".
func ParseEnsureMode(s string) (EnsureMode, error) {
	for i, n := range ensureModeNames {
		if s == n {
			return EnsureMode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown Ensure mode %q (want error, deadlock or recursive)", s)
}

// ErrEnsureSharedLock is wrapped by EnsureFrom's error under EnsureError.
var ErrEnsureSharedLock = errors.New("the calling thread holds the lock the interpreter shares")

// EnsureFrom is Ensure for rt called by code running on holder, a thread
// of another interpreter of the same process (nil: no thread is held). It
// returns the ensured thread, to be released with ReleaseFrom. Where rt
// and holder's interpreter have locks of their own, or holder is not
// attached, it is Ensure; where they share one, Config.EnsureAcross
// decides (EnsureMode).
func (rt *Runtime) EnsureFrom(holder *Thread, m *Module) (*Thread, error) {
	if holder == nil || holder.rt == rt || !holder.eml.Attached() || holder.rt.interp.lockOf != rt.interp.lockOf {
		th := rt.Ensure(m)
		return th, th.Err()
	}
	switch rt.cfg.EnsureAcross {
	case EnsureError:
		return nil, fmt.Errorf("core: Ensure for interpreter %d on thread %q of interpreter %d: %w (interpreter %d's lock; Config.EnsureAcross is error)",
			rt.interp.id, holder.name, holder.rt.interp.id, ErrEnsureSharedLock, rt.interp.lockOf.interp.id)
	case EnsureRecursive:
		return rt.ensureCounted(holder, m)
	}
	// EnsureDeadlock: wait, as CPython 2.x did, for the lock holder holds.
	return rt.ensureWaiting(m, ensureWait{holder})
}

// ensureWaiting is Ensure, with what the new thread waits for while it
// attaches named for the deadlock reports.
func (rt *Runtime) ensureWaiting(m *Module, w ensureWait) (*Thread, error) {
	name := "foreign"
	if m != nil {
		name = m.name + "-foreign"
	}
	th := rt.NewThread(name)
	if err := th.usable(); err != nil {
		return th, err
	}
	th.blockedOn = w
	g := rt.interp.group
	var b strings.Builder
	fmt.Fprintf(&b, "thread %q of interpreter %d waits for ", th.name, rt.interp.id)
	w.describeWait(&b)
	fmt.Fprintf(&b, "; the holder is at %s", w.holder.position())
	g.waitMu.Lock()
	if g.selfWaits == nil {
		g.selfWaits = map[*Thread]selfWait{}
	}
	g.selfWaits[th] = selfWait{what: b.String(), since: time.Now()}
	g.waitMu.Unlock()
	err := th.Attach()
	g.waitMu.Lock()
	delete(g.selfWaits, th)
	g.waitMu.Unlock()
	th.blockedOn = nil
	if err != nil {
		return th, errors.Join(err, th.Close())
	}
	th.ensured = 1
	if m != nil && !m.ported && th.eml.PromoteFor(m.name) == nil {
		th.ensurePromoted = true
		th.extCalls = append(th.extCalls, extCall{m.name, "<ensure>", false})
	}
	rt.goEnsured(th)
	return th, nil
}

// ensureWait is what a thread EnsureFrom made waits for under
// EnsureDeadlock: the lock its own goroutine holds on another thread.
type ensureWait struct{ holder *Thread }

func (w ensureWait) describeWait(b *strings.Builder) {
	h := w.holder
	fmt.Fprintf(b, "the lock of interpreter %d, held by thread %q of interpreter %d on the same goroutine (Ensure across interpreters sharing a lock)",
		h.rt.interp.lockOf.interp.id, h.name, h.rt.interp.id)
}

// selfWait is a wait of EnsureDeadlock's, as the watchdog reports it:
// what waits for what, written on the waiting goroutine, and since when.
type selfWait struct {
	what     string
	since    time.Time
	reported bool
}

// reportSelfWaits writes, once each, the waits of EnsureDeadlock that
// have lasted every or more: deadlocks nothing can end, since the lock
// waited for is held on the waiting goroutine. The lock's counters cannot
// show them (the holder is attached), nor can a thread dump be taken (it
// needs the lock); what waits for what was written when the wait began.
func (g *interpGroup) reportSelfWaits(rt *Runtime, every time.Duration) {
	g.waitMu.Lock()
	var lines []string
	for th, w := range g.selfWaits {
		if !w.reported && time.Since(w.since) >= every {
			w.reported = true
			g.selfWaits[th] = w
			lines = append(lines, w.what)
		}
	}
	g.waitMu.Unlock()
	sort.Strings(lines)
	for _, l := range lines {
		rt.writeStderr(fmt.Sprintf("rwgil: a deadlock, for %v or more: %s. Nothing can end it: Config.EnsureAcross is deadlock, CPython 2.x's behaviour (rwgil run -ensure-across error or recursive avoids it)\n", every.Round(time.Millisecond), l))
	}
}

// ReleaseFrom releases a thread EnsureFrom returned: it is Release
// (which, for a thread running on its holder's attachment under
// EnsureRecursive, gives the attachment back to the holder).
func (th *Thread) ReleaseFrom() error { return th.Release() }

// lease is what a thread EnsureFrom made under EnsureRecursive borrowed:
// the holder whose eml thread it runs on, its own eml thread (registered,
// detached, unused meanwhile) and what the holder's eml thread said for
// the deterministic scheduler before.
type lease struct {
	holder *Thread
	own    *eml.Thread
	label  func() string
	step   func(detail bool) eml.Step
}

// ensureCounted is EnsureFrom under EnsureRecursive: a thread of rt that
// runs on holder's attachment to the lock they share. The holder's
// critical sections are suspended, as a detach would (CPython's
// PyThreadState_Swap suspends the outgoing thread state's), so that
// nothing the holder locked is held while the new thread runs; the new
// thread's own sections are the ones the attachment's waits suspend.
func (rt *Runtime) ensureCounted(holder *Thread, m *Module) (*Thread, error) {
	if holder.heldSections() {
		holder.suspendSections()
	}
	name := "foreign"
	if m != nil {
		name = m.name + "-foreign"
	}
	th := rt.NewThread(name)
	if err := th.usable(); err != nil {
		holder.resumeSection()
		return nil, err
	}
	ls := &lease{holder: holder, own: th.eml}
	he := holder.eml
	th.eml = he
	if w := he.Waiter(); rt.seq != nil {
		ls.label, ls.step = w.Label, w.Step
		w.Label, w.Step = th.position, th.step
	}
	if th.csOn {
		he.SetSuspender((*sectionSuspender)(th))
	} else {
		he.SetSuspender(nil)
	}
	rt.interp.group.lent.Store(th, ls)
	th.ensured = 1
	if m != nil && !m.ported && he.PromoteFor(m.name) == nil {
		th.ensurePromoted = true
		th.extCalls = append(th.extCalls, extCall{m.name, "<ensure>", false})
	}
	rt.goEnsured(th)
	return th, nil
}

// endLease gives a counted thread's attachment back to its holder, in
// place of the detach of its last Release: the holder's eml thread stays
// attached, says again what the holder does, suspends the holder's
// sections again, and the holder's innermost section is re-taken. It
// reports false for a thread that runs on its own attachment.
func (th *Thread) endLease() (bool, error) {
	v, ok := th.rt.interp.group.lent.Load(th)
	if !ok {
		return false, nil
	}
	ls := v.(*lease)
	if th.heldSections() {
		return true, fmt.Errorf("core: Release on thread %q inside a critical section", th.name)
	}
	th.rt.interp.group.lent.Delete(th)
	th.live.publish()
	h, he := ls.holder, th.eml
	if th.rt.seq != nil {
		w := he.Waiter()
		w.Label, w.Step = ls.label, ls.step
	}
	if h.csOn {
		he.SetSuspender((*sectionSuspender)(h))
	} else {
		he.SetSuspender(nil)
	}
	th.eml = ls.own
	h.resumeSection()
	return true, nil
}
