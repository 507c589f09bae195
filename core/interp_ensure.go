package core

import (
	"errors"
	"fmt"
	"strings"
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
	// recursive lock counts: the holder's attachment is handed to the new
	// thread (the holder detaches, the new thread attaches) and
	// ReleaseFrom hands it back. The hand-over is a switch point: another
	// thread may take the lock between, as at any safe point.
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
		if err := holder.Detach(); err != nil {
			return nil, err
		}
		th := rt.Ensure(m)
		if err := th.Err(); err != nil {
			return nil, errors.Join(err, holder.Attach())
		}
		rt.interp.group.lent.Store(th, holder)
		return th, nil
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
	err := th.Attach()
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

// ReleaseFrom releases a thread EnsureFrom returned: it is Release, and
// under EnsureRecursive it re-attaches the holder.
func (th *Thread) ReleaseFrom() error {
	err := th.Release()
	if h, ok := th.rt.interp.group.lent.LoadAndDelete(th); ok && th.ensured == 0 {
		err = errors.Join(err, h.(*Thread).Attach())
	}
	return err
}
