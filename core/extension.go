package core

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/rwgil/rwgil/refcount"

	"github.com/rwgil/rwgil/internal/mutant"
)

// What core offers extension modules (package extensions builds on it):
// the boundary of a call into extension code, callbacks into core from
// inside one, foreign goroutines entering the runtime, and objects that
// carry a Go value.
//
// The boundary (CallExtension) is where Coghlan's lock does its work: a
// call into a module that is not ported promotes the thread -- a
// stop-the-world under eml -- for the duration of the call, so the call
// is atomic as it was under the GIL. When the extension calls back into
// core (Thread.Call of Python code), the thread demotes for the callback
// under Config.Callbacks = drop and promotes again after, as the GIL
// could switch inside a callback; under hold it stays exclusive.

// CallExtension runs f as a call into function of the extension module
// module: the boundary between core and extension code. If the module is
// not ported the thread is promoted for the call (at the dispatch, a safe
// point). A panic in f becomes a RuntimeError naming module and function,
// and whatever f leaves behind -- promotions, critical sections, a
// detached thread -- is put back as it was at entry, so the runtime stays
// usable.
func (th *Thread) CallExtension(module, function string, ported bool, f func() (Object, error)) (result Object, err error) {
	depth, sections, calls := th.eml.Depth(), len(th.cs), th.depth
	if !ported && !mutant.On(mutant.UnportedNoPromote) {
		if err := th.eml.PromoteFor(module); err != nil {
			return nil, th.asException(err)
		}
	}
	th.extCalls = append(th.extCalls, extCall{module, function, ported})
	if th.noter != nil {
		th.noter.NoteStep(th.eml.Waiter()) // a report shows the call
	}
	defer func() {
		th.extCalls = th.extCalls[:len(th.extCalls)-1]
		if p := recover(); p != nil {
			if isAbort(p) {
				panic(p) // the Sequencer gave the run up: unwind
			}
			th.restoreAfterPanic(sections)
			th.depth = calls // Python calls the panic unwound do not decrement it
			result, err = nil, th.Raisef(th.rt.types.exc.RuntimeError, "%s.%s failed: %v", module, function, p)
			if mutant.On(mutant.PanicSwallowed) {
				th.Discard(err)
				result, err = th.rt.None, nil
			}
		}
		for th.eml.Depth() > depth {
			if derr := th.eml.Demote(); derr != nil {
				break
			}
		}
	}()
	return f()
}

// restoreAfterPanic puts the thread back in a usable state after a panic
// in extension code: attached, and with only the critical sections it had
// at the boundary (the others are released).
func (th *Thread) restoreAfterPanic(sections int) {
	if !th.eml.Attached() && !th.closed {
		_ = th.eml.Attach()
	}
	for len(th.cs) > sections {
		s := th.cs[len(th.cs)-1]
		th.cs = th.cs[:len(th.cs)-1]
		if s.held && s.a != nil {
			s.a.Unlock(th.eml)
			if s.b != nil {
				s.b.Unlock(th.eml)
			}
		}
	}
	th.resumeSection()
}

// ExtensionModule returns the innermost extension module the thread is
// running a function of, or "".
func (th *Thread) ExtensionModule() string {
	if n := len(th.extCalls); n > 0 {
		return th.extCalls[n-1].module
	}
	return ""
}

// extCall is an extension function a thread is running.
type extCall struct {
	module, function string
	ported           bool
}

func (c extCall) String() string { return c.module + "." + c.function }

// callback wraps a call from extension code into code that may run Python
// bytecode: under Callbacks = drop a promoted thread demotes for it and
// promotes again to the same depth after (GIL-equivalent: the GIL could
// switch inside a callback); under hold it stays exclusive.
func (th *Thread) callback(call func() (Object, error)) (Object, error) {
	depth := th.eml.Depth()
	if depth == 0 || th.rt.cfg.Callbacks == CallbacksHold {
		return call()
	}
	for i := 0; i < depth; i++ {
		if err := th.eml.Demote(); err != nil {
			return nil, th.asException(err)
		}
	}
	defer func() {
		if mutant.On(mutant.CallbackNoRepromote) {
			return
		}
		reason := th.ExtensionModule()
		for i := 0; i < depth; i++ {
			_ = th.eml.PromoteFor(reason)
		}
	}()
	return call()
}

// Yield is a switch point for extension code: inside a slow
// read-modify-write it makes the race of code that is not protected by
// the lock reachable (eml.Thread.Yield).
func (th *Thread) Yield() { th.eml.Yield() }

// Sleep waits for seconds detached, on the scheduler's clock (thread.sleep;
// time.sleep in CPython releases the GIL the same way).
func (th *Thread) Sleep(seconds float64) error { return th.sleep(secondsDuration(seconds)) }

func (th *Thread) sleep(d time.Duration) error {
	if !th.interruptible() {
		return th.eml.Sleep(d)
	}
	for d > 0 {
		step := min(d, interruptPoll)
		if err := th.eml.Sleep(step); err != nil {
			return err
		}
		d -= step
		if err := th.checkInterrupt(); err != nil {
			return err
		}
	}
	return nil
}

// Ensure attaches a new thread state for a goroutine the runtime did not
// start, as PyGILState_Ensure does: exclusive (promoted) when m is not
// ported, shared otherwise. A nested Ensure on the returned thread only
// counts; each Release undoes one, and the last detaches and closes the
// thread. On a closed runtime the thread's operations fail.
func (rt *Runtime) Ensure(m *Module) *Thread {
	name := "foreign"
	if m != nil {
		name = m.name + "-foreign"
	}
	th := rt.NewThread(name)
	if th.usable() != nil {
		return th
	}
	if err := th.Attach(); err != nil {
		_ = th.Close() // cannot happen on an open runtime; Err reports it
		return th
	}
	th.ensured = 1
	if m != nil && !m.ported && th.eml.PromoteFor(m.name) == nil {
		th.ensurePromoted = true
		th.extCalls = append(th.extCalls, extCall{m.name, "<ensure>", false})
	}
	rt.goEnsured(th)
	return th
}

// Err reports why the thread cannot be used -- the runtime or the thread
// is closed -- or nil. A goroutine that called Runtime.Ensure checks it:
// on a closed runtime Ensure returns a thread that cannot run.
func (th *Thread) Err() error { return th.usable() }

// Ensure counts one more nested use of an ensured thread.
func (th *Thread) Ensure() { th.ensured++ }

// ErrNotEnsured is returned by Release on a thread that Ensure did not
// make, or that is already released.
var ErrNotEnsured = errors.New("thread was not made by Ensure, or is already released")

// Release undoes one Ensure; the last demotes, detaches and closes the
// thread.
func (th *Thread) Release() error {
	if err := th.enter("Release"); err != nil {
		return err
	}
	defer th.leave()
	if err := th.usable(); err != nil {
		return err
	}
	if th.ensured == 0 {
		return fmt.Errorf("core: Release on thread %q: %w", th.name, ErrNotEnsured)
	}
	if th.ensured--; th.ensured > 0 {
		return nil
	}
	if th.ensurePromoted {
		th.extCalls = th.extCalls[:len(th.extCalls)-1]
		if err := th.eml.Demote(); err != nil {
			return err
		}
	}
	th.exitAttached()
	if lent, err := th.endLease(); err != nil {
		return err
	} else if !lent {
		if err := th.detach(); err != nil {
			return err
		}
	}
	th.rt.goReleased(th)
	return th.close()
}

// Capsule is an object carrying a Go value for an extension (a socket, a
// handle): PyCapsule. release, if set, runs once when it is deallocated.
type Capsule struct {
	Header
	name    string
	value   any
	release func(any)
}

// Dealloc implements refcount.Object.
func (c *Capsule) Dealloc(by *refcount.Owner) {
	untrack(c, by)
	if c.release != nil {
		c.release(c.value)
	}
}

// Describe implements refcount.Object.
func (c *Capsule) Describe() string { return c.name + " capsule" }

// Value returns the Go value.
func (c *Capsule) Value() any { return c.value }

// Name returns the capsule's name (its kind, for repr and errors).
func (c *Capsule) Name() string { return c.name }

// NewCapsule returns a new reference to a capsule named name holding v;
// release (may be nil) runs when the capsule is deallocated.
func (th *Thread) NewCapsule(name string, v any, release func(any)) *Capsule {
	c := &Capsule{name: name, value: v, release: release}
	c.typ = th.rt.types.capsule
	th.track(c)
	return c
}

// NewExtensionModule returns a new reference to an empty module for an
// extension; ported says it declared it can run without the lock (the
// Py_MOD_GIL_NOT_USED slot).
func (th *Thread) NewExtensionModule(name string, ported bool) *Module {
	m := th.NewModule(name)
	m.ported = ported
	return m
}

// Ported reports whether the module declared it can run without the lock;
// modules made by core and Python code are ported.
func (m *Module) Ported() bool { return m.ported }

// CheckArgs raises TypeError, in Python's words, unless fname got between
// min and max positional arguments (max < 0: no limit) and only the
// keyword arguments named in keywords.
func (th *Thread) CheckArgs(fname string, args []Object, kwargs map[string]Object, min, max int, keywords ...string) error {
	if err := th.checkKwargs(fname, kwargs, keywords...); err != nil {
		return err
	}
	return th.checkArgs(fname, args, min, max)
}

// IntArg converts an argument of fname that must be an int (or a bool)
// fitting in 64 bits; otherwise it raises TypeError or OverflowError.
func (th *Thread) IntArg(fname string, o Object) (int64, error) { return th.intArg(fname, o) }

// StrArg converts an argument of fname that must be a str.
func (th *Thread) StrArg(fname string, o Object) (string, error) { return th.strArg(fname, o) }

// SecondsArg converts an argument of fname that must be a non-negative
// number of seconds (an int or a float).
func (th *Thread) SecondsArg(fname string, o Object) (time.Duration, error) {
	d, err := th.seconds(fname, o)
	if err == nil && d < 0 {
		err = th.Raisef(th.rt.types.exc.ValueError, "%s(): a duration must be non-negative", fname)
	}
	return d, err
}

// CriticalSection runs fn inside a critical section on o, as
// Py_BEGIN_CRITICAL_SECTION does for C code: fn's operations on o are
// atomic with respect to every other thread's operations on o, under every
// policy. The section is released if fn panics, and suspended around any
// call back into Python code or blocking wait fn makes.
func (th *Thread) CriticalSection(o Object, fn func() error) error {
	th.beginCS(o)
	sections := len(th.cs)
	defer func() {
		if len(th.cs) == sections {
			th.endCS()
		}
	}()
	return fn()
}

// Go runs fn on a goroutine the runtime counts, for extension code that
// starts goroutines of its own: WaitThreads waits for it as it waits for
// the threads thread.start made. fn enters the runtime with Ensure. After
// Close, Go starts nothing and returns ErrRuntimeClosed.
//
// A panic in fn is caught at this boundary, as CallExtension catches one
// in an extension function: it is printed as an exception in a thread (a
// RuntimeError naming the goroutine and the panic) and counted in
// ThreadErrors, and every thread fn made with Ensure and had not released
// is demoted, detached and closed, so the runtime stays usable.
func (rt *Runtime) Go(fn func()) error {
	rt.threadMu.Lock()
	closed := rt.closed
	rt.threadMu.Unlock()
	if closed {
		return fmt.Errorf("core: Go: %w", ErrRuntimeClosed)
	}
	name := fmt.Sprintf("goroutine-%d", rt.goSerial.Add(1))
	rt.spawn(name, func() {
		id := goroutineID()
		rt.goMu.Lock()
		rt.goRunning[id] = nil
		rt.goMu.Unlock()
		defer func() {
			rt.goMu.Lock()
			left := rt.goRunning[id]
			delete(rt.goRunning, id)
			rt.goMu.Unlock()
			p := recover()
			if p == nil {
				return
			}
			if isAbort(p) {
				panic(p) // the Sequencer gave the run up: unwind
			}
			rt.goPanicked(name, p, left)
		}()
		fn()
	})
	return nil
}

// goEnsured records a thread Ensure made on a goroutine Go started, so
// that Go's boundary can release it if the goroutine panics. (Ensure is
// PyGILState_Ensure, which finds its thread state in thread-local
// storage; Go has none, so the boundary knows its goroutine's threads by
// the goroutine's number.)
func (rt *Runtime) goEnsured(th *Thread) {
	if rt.goActive() == 0 {
		return
	}
	id := goroutineID()
	rt.goMu.Lock()
	defer rt.goMu.Unlock()
	if threads, ok := rt.goRunning[id]; ok {
		th.goid = id
		rt.goRunning[id] = append(threads, th)
	}
}

// goReleased forgets a released thread of a Go goroutine.
func (rt *Runtime) goReleased(th *Thread) {
	if th.goid == 0 {
		return
	}
	rt.goMu.Lock()
	defer rt.goMu.Unlock()
	threads := rt.goRunning[th.goid]
	for i, t := range threads {
		if t == th {
			rt.goRunning[th.goid] = append(threads[:i:i], threads[i+1:]...)
			break
		}
	}
}

// goActive counts the goroutines Go started that are running.
func (rt *Runtime) goActive() int {
	rt.goMu.Lock()
	defer rt.goMu.Unlock()
	return len(rt.goRunning)
}

// goPanicked reports a panic that ended a goroutine Go started, and
// releases the threads the goroutine left ensured (innermost first).
func (rt *Runtime) goPanicked(name string, p any, left []*Thread) {
	msg := fmt.Sprintf("a function given to Runtime.Go panicked: %v", p)
	var reporter *Thread
	for i := len(left) - 1; i >= 0; i-- {
		th := left[i]
		th.abandon()
		if reporter == nil && th.eml.Attached() {
			reporter = th
			continue
		}
		th.closeAbandoned()
	}
	if reporter == nil {
		reporter = rt.newThread(name, true)
		if reporter.attach() != nil {
			// Not even an internal thread can attach: say it plainly.
			text := fmt.Sprintf("Exception in thread %s:\nRuntimeError: %s\n", name, msg)
			rt.writeStderr(text)
			rt.keepThreadError(text)
			return
		}
	}
	rt.reportExceptionIn(name, reporter, reporter.Raise(rt.types.exc.RuntimeError, msg))
	reporter.closeAbandoned()
}

// abandon puts back a thread whose goroutine panicked between Ensure and
// Release: attached, at depth 0 (demoted), with no critical section and
// no extension call in progress.
func (th *Thread) abandon() {
	th.restoreAfterPanic(0)
	th.extCalls = th.extCalls[:0]
	for th.eml.Depth() > 0 {
		if th.eml.Demote() != nil {
			break
		}
	}
	th.ensured, th.ensurePromoted = 0, false
}

// closeAbandoned detaches and closes an abandoned thread.
func (th *Thread) closeAbandoned() {
	if th.eml.Attached() {
		_ = th.detach()
	}
	if !th.closed {
		_ = th.close()
	}
}

// goroutineID returns the number of the calling goroutine, from the first
// line of its stack trace ("goroutine 18 [running]:").
func goroutineID() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b, _ = bytes.CutPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}

// PrintException prints an exception that nothing will catch (one that
// ended a thread, or escaped a foreign goroutine's callback) to the
// runtime's stderr with its traceback, counts it in ThreadErrors, and
// drops the reference err holds.
func (th *Thread) PrintException(err error) { th.rt.reportThreadException(th, err) }
