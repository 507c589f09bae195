package core

import (
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// The thread module: native threads and locks, like CPython's _thread.
// Every blocking call waits detached, releasing the GIL (or letting a
// stop-the-world proceed) and the caller's critical sections, exactly as
// CPython releases the GIL.

// ThreadHandle is what thread.start returns: join waits for the thread.
type ThreadHandle struct {
	Header
	name  string
	ident int64
	// running is held from start until the thread's function returns;
	// join waits for it (an eml.Mutex, so that the wait is detached and
	// goes through the scheduler).
	running eml.Mutex
}

// Dealloc implements refcount.Object.
func (h *ThreadHandle) Dealloc(by *refcount.Owner) { untrack(h, by) }

// Describe implements refcount.Object.
func (h *ThreadHandle) Describe() string { return "thread handle " + h.name }

// LockObject is thread.Lock(): a Lock of the native locking layer
// (sync.go) as a Python object.
type LockObject struct {
	Header
	Lock
}

// Dealloc implements refcount.Object.
func (l *LockObject) Dealloc(by *refcount.Owner) { untrack(l, by) }

// Describe implements refcount.Object.
func (l *LockObject) Describe() string { return describe(l) }

// RLockObject is thread.RLock(): an RLock of the native locking layer as
// a Python object.
type RLockObject struct {
	Header
	RLock
}

// Dealloc implements refcount.Object.
func (l *RLockObject) Dealloc(by *refcount.Owner) { untrack(l, by) }

// Describe implements refcount.Object.
func (l *RLockObject) Describe() string { return describe(l) }

// pyRepr is CPython's repr of a _thread.lock.
func (l *LockObject) pyRepr(th *Thread) (string, error) {
	state := "unlocked"
	if l.Locked() {
		state = "locked"
	}
	return fmt.Sprintf("<%s _thread.lock object at %#x>", state, ID(l)), nil
}

// pyRepr is CPython's repr of a _thread.RLock: its owner's ident and its
// count (readable by the owner only: "?" for another thread).
func (l *RLockObject) pyRepr(th *Thread) (string, error) {
	state, owner, count := "unlocked", int64(0), "0"
	if o := l.Owner(); o != nil {
		state, owner, count = "locked", o.ident, "?"
		if o == th {
			count = fmt.Sprint(l.count)
		}
	}
	return fmt.Sprintf("<%s _thread.RLock object owner=%d count=%s at %#x>", state, owner, count, ID(l)), nil
}

// newLockObject returns a new reference to an unlocked lock object.
func (th *Thread) newLockObject() *LockObject {
	l := &LockObject{Lock: Lock{serial: th.rt.lockSerial.Add(1)}}
	l.typ = th.rt.types.lock
	th.track(l)
	return l
}

// newRLockObject returns a new reference to an unlocked RLock object.
func (th *Thread) newRLockObject() *RLockObject {
	l := &RLockObject{RLock: RLock{serial: th.rt.lockSerial.Add(1)}}
	l.typ = th.rt.types.rlock
	th.track(l)
	return l
}

func loadThreadModule(th *Thread, name string) (*Module, error) {
	rt := th.rt
	m := th.NewModule(name)
	funcs := []method{
		{"start", threadStart},
		{"join", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.funcArgs("join", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return th.threadJoin(args[0])
		}},
		{"Lock", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.funcArgs("Lock", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.newLockObject(), nil
		}},
		{"RLock", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.funcArgs("RLock", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.newRLockObject(), nil
		}},
		{"get_ident", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.funcArgs("get_ident", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.NewInt(th.ident), nil
		}},
		{"sleep", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.funcArgs("sleep", args, kw, 1, 1); err != nil {
				return nil, err
			}
			d, err := th.seconds("sleep", args[0])
			if err != nil {
				return nil, err
			}
			if d < 0 {
				return nil, th.Raise(rt.types.exc.ValueError, "sleep length must be non-negative")
			}
			return rt.None, th.sleep(d)
		}},
	}
	for _, f := range funcs {
		b := th.NewBuiltin(f.name, f.fn)
		b.module = name
		if f.name == "join" {
			rt.joinFn.Store(b) // for the explorer's footprints (sequencing.go)
		}
		err := th.DictSetStr(m.dict, f.name, b)
		th.Decref(b)
		if err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	return m, nil
}

// secondsDuration converts seconds to a duration, saturating.
func secondsDuration(s float64) time.Duration {
	if s <= 0 || math.IsNaN(s) {
		return 0
	}
	if s > math.MaxInt64/1e9 {
		return math.MaxInt64
	}
	return time.Duration(s * 1e9)
}

// seconds converts a number of seconds to a duration.
func (th *Thread) seconds(fname string, o Object) (time.Duration, error) {
	var f float64
	switch x := o.(type) {
	case *Float:
		f = x.v
	case *Int, *Bool:
		v, b, _ := intValue(x)
		var err error
		if f, err = th.intToFloat(v, b); err != nil {
			return 0, err
		}
	default:
		return 0, th.Raisef(th.rt.types.exc.TypeError, "%s(): '%s' object cannot be interpreted as a number of seconds", fname, o.Type().name)
	}
	if math.IsNaN(f) || f > math.MaxInt64/1e9 {
		return 0, th.Raisef(th.rt.types.exc.ValueError, "%s(): invalid duration", fname)
	}
	return time.Duration(f * 1e9), nil
}

// threadStart is thread.start(fn, *args): runs fn(*args) on a new thread.
// An exception that escapes fn is printed to stderr, as CPython does.
func threadStart(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("start", kw); err != nil {
		return nil, err
	}
	if err := th.checkArgs("start", args, 1, -1); err != nil {
		return nil, err
	}
	rt := th.rt
	th.immortalizeAtFirstThread()
	n := rt.threadSerial.Add(1)
	child := rt.NewThread(fmt.Sprintf("Thread-%d", n))
	if err := child.usable(); err != nil {
		return nil, th.Raise(rt.types.exc.RuntimeError, "can't start new thread: "+err.Error())
	}
	h := &ThreadHandle{name: child.name, ident: child.ident}
	h.typ = rt.types.threadHandle
	h.running.TryLock()
	th.track(h)
	fn := th.newRef(args[0])
	callArgs := make([]Object, len(args)-1)
	for i, a := range args[1:] {
		callArgs[i] = th.newRef(a)
	}
	th.Incref(h)
	rt.spawn(child.name, func() {
		child.beginStart(fn, callArgs, h)
		if err := child.Attach(); err != nil {
			panic(err) // a new thread of an open runtime can always attach
		}
		r, err := child.Call(fn, callArgs, nil)
		child.XDecref(r)
		if err != nil {
			rt.reportThreadException(child, err)
		}
		child.Decref(fn)
		child.decrefAll(callArgs)
		h.running.Unlock(child.eml)
		child.Decref(h)
		child.exitAttached()
		child.endExit()
		if err := child.Detach(); err != nil {
			panic(err)
		}
		if err := child.Close(); err != nil {
			panic(err)
		}
	})
	return h, nil
}

// spawn runs fn on a new goroutine called name (through the Sequencer,
// if there is one), counted so that the runtime can wait for its threads.
func (rt *Runtime) spawn(name string, fn func()) {
	rt.spawned.Add(1)
	rt.spawnGo(name, func() {
		defer rt.spawned.Done()
		fn()
	})
}

// reportThreadException prints an exception that ended a thread.
func (rt *Runtime) reportThreadException(th *Thread, err error) {
	rt.reportExceptionIn(th.name, th, err)
}

// reportExceptionIn prints an exception that ended the thread called name
// (th, attached, drops the reference err holds) and keeps the report for
// Exec.
func (rt *Runtime) reportExceptionIn(name string, th *Thread, err error) {
	e := th.asException(err)
	if e.typ.IsSubtype(rt.types.exc.SystemExit) {
		// As in CPython (_thread and threading alike): SystemExit ends
		// the thread silently, and the program goes on.
		th.Decref(e)
		return
	}
	msg := fmt.Sprintf("Exception in thread %s:\n%s", name, th.FormatException(e))
	th.Decref(e)
	rt.writeStderr(msg)
	rt.keepThreadError(msg)
}

// writeStderr writes msg to the runtime's stderr in one piece.
func (rt *Runtime) writeStderr(msg string) {
	w := rt.cfg.Stderr
	if w == nil {
		w = os.Stderr
	}
	printMu.Lock()
	_, _ = io.WriteString(w, msg)
	printMu.Unlock()
}

// WaitThreads waits until every thread started by thread.start has
// finished.
func (rt *Runtime) WaitThreads() { rt.spawned.Wait() }

// ThreadErrors is how many started threads ended with an exception.
func (rt *Runtime) ThreadErrors() int64 { return rt.threadErrors.Load() }

func (th *Thread) threadJoin(o Object) (Object, error) {
	h, ok := o.(*ThreadHandle)
	if !ok {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "join() argument must be a thread handle, not %s", o.Type().name)
	}
	if h.ident == th.ident {
		return nil, th.Raise(th.rt.types.exc.RuntimeError, "cannot join current thread")
	}
	th.beginJoin(h)
	th.blockedOn = h
	_, err := th.lockInterruptibly(&h.running, -1)
	th.blockedOn = nil
	if err != nil {
		return nil, err
	}
	h.running.Unlock(th.eml)
	return th.rt.None, nil
}

var threadHandleMethods = []method{
	{"join", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("join", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.threadJoin(args[0])
	}},
}

// lockAcquireArgs parses acquire(blocking=True, timeout=-1) as CPython's
// lock objects do: whether to block, and the wait (Forever for none).
func (th *Thread) lockAcquireArgs(args []Object, kw map[string]Object) (bool, time.Duration, error) {
	if err := th.checkKwargs("acquire", kw, "blocking", "timeout"); err != nil {
		return false, 0, err
	}
	if len(args)-1 > 2 {
		return false, 0, th.Raisef(th.rt.types.exc.TypeError, "acquire() takes at most 2 arguments (%d given)", len(args)-1)
	}
	blocking, timeout := Object(th.rt.True), Object(nil)
	if len(args) > 1 {
		blocking = args[1]
	} else if b, ok := kw["blocking"]; ok {
		blocking = b
	}
	if len(args) > 2 {
		timeout = args[2]
	} else if t, ok := kw["timeout"]; ok {
		timeout = t
	}
	block, err := th.Truth(blocking)
	if err != nil {
		return false, 0, err
	}
	d := Forever
	if timeout != nil {
		if d, err = th.lockTimeout(timeout); err != nil {
			return false, 0, err
		}
	}
	if !block && d >= 0 {
		return false, 0, th.Raise(th.rt.types.exc.ValueError, "can't specify a timeout for a non-blocking call")
	}
	return block, d, nil
}

// maxTimeout is CPython's _thread.TIMEOUT_MAX, in seconds.
const maxTimeout = float64(math.MaxInt64/1000) / 1e6

// lockTimeout converts a lock's timeout argument, in seconds, as CPython's
// lock_acquire_parse_args does: -1 means no limit, any other negative
// number is refused, and so is anything past TIMEOUT_MAX.
func (th *Thread) lockTimeout(o Object) (time.Duration, error) {
	exc := &th.rt.types.exc
	var f float64
	switch x := o.(type) {
	case *Float:
		f = x.v
		if math.IsNaN(f) {
			return 0, th.Raise(exc.ValueError, "Invalid value NaN (not a number)")
		}
	case *Int, *Bool:
		v, b, _ := intValue(x)
		var err error
		if f, err = th.intToFloat(v, b); err != nil {
			return 0, err
		}
	default:
		return 0, th.Raisef(exc.TypeError, "'%s' object cannot be interpreted as an integer", o.Type().name)
	}
	switch {
	case f == -1:
		return Forever, nil
	case f < 0:
		return 0, th.Raise(exc.ValueError, "timeout value must be positive")
	case f > maxTimeout:
		return 0, th.Raise(exc.OverflowError, "timestamp out of range for platform time_t")
	}
	return time.Duration(f * 1e9), nil
}

var lockMethods = []method{
	{"acquire", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		block, d, err := th.lockAcquireArgs(args, kw)
		if err != nil {
			return nil, err
		}
		ok, err := self[*LockObject](args).Acquire(th, block, d)
		return th.rt.Bool(ok), err
	}},
	{"release", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("release", args, kw, 0, 0); err != nil {
			return nil, err
		}
		if err := self[*LockObject](args).Release(th); err != nil {
			return nil, err
		}
		return th.rt.None, nil
	}},
	{"locked", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("locked", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.rt.Bool(self[*LockObject](args).Locked()), nil
	}},
	{"__enter__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__enter__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		ok, err := self[*LockObject](args).Acquire(th, true, Forever)
		return th.rt.Bool(ok), err
	}},
	{"__exit__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("__exit__", kw); err != nil {
			return nil, err
		}
		if err := self[*LockObject](args).Release(th); err != nil {
			return nil, err
		}
		return th.rt.None, nil
	}},
}

var rlockMethods = []method{
	{"acquire", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		block, d, err := th.lockAcquireArgs(args, kw)
		if err != nil {
			return nil, err
		}
		ok, err := self[*RLockObject](args).Acquire(th, block, d)
		return th.rt.Bool(ok), err
	}},
	{"release", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("release", args, kw, 0, 0); err != nil {
			return nil, err
		}
		if err := self[*RLockObject](args).Release(th); err != nil {
			return nil, err
		}
		return th.rt.None, nil
	}},
	{"__enter__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__enter__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		ok, err := self[*RLockObject](args).Acquire(th, true, Forever)
		return th.rt.Bool(ok), err
	}},
	{"__exit__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("__exit__", kw); err != nil {
			return nil, err
		}
		if err := self[*RLockObject](args).Release(th); err != nil {
			return nil, err
		}
		return th.rt.None, nil
	}},
	{"_is_owned", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("_is_owned", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.rt.Bool(self[*RLockObject](args).IsOwned(th)), nil
	}},
}

// The Go API the standard library's threading module starts its threads
// with (package stdlib is outside core, so it goes through these).

// Ident is the thread's identifier: thread.get_ident() and
// threading.get_ident() on it, unique within the runtime.
func (th *Thread) Ident() int64 { return th.ident }

// IsMain reports whether th is the main thread of the program Exec runs.
func (th *Thread) IsMain() bool { return th.rt.execMain.Load() == th }

// StartThread starts a new thread called name that runs fn attached (a
// Python thread, as thread.start's): fn gets the new thread and must not
// keep it. before, if not nil, is called with the new thread's Ident
// before the thread starts (to register it where other threads look for
// it); an error from it starts nothing. StartThread returns the Ident.
// Exec waits at exit for a thread started with daemon false, as Python
// waits for its non-daemon threads; a daemon thread still running when
// the program ends is left to the process's exit, as CPython leaves its
// daemon threads (Runtime.Close then reports it open).
func (th *Thread) StartThread(name string, daemon bool, before func(ident int64) error, fn func(child *Thread)) (int64, error) {
	rt := th.rt
	th.immortalizeAtFirstThread()
	child := rt.NewThread(name)
	if err := child.usable(); err != nil {
		return 0, th.Raise(rt.types.exc.RuntimeError, "can't start new thread: "+err.Error())
	}
	if before != nil {
		if err := before(child.ident); err != nil {
			_ = child.Close()
			return 0, err
		}
	}
	body := func() {
		if err := child.Attach(); err != nil {
			panic(err) // a new thread of an open runtime can always attach
		}
		fn(child)
		child.exitAttached()
		if err := child.Detach(); err != nil {
			panic(err)
		}
		if err := child.Close(); err != nil {
			panic(err)
		}
	}
	if daemon {
		rt.spawnGo(name, body)
	} else {
		rt.spawn(name, body)
	}
	return child.ident, nil
}

// ReportException prints an exception that ended the thread called name
// as CPython's threading.excepthook does ("Exception in thread NAME:" and
// the traceback) to the runtime's stderr, counts it in ThreadErrors, and
// drops the reference err holds.
func (th *Thread) ReportException(name string, err error) { th.rt.reportExceptionIn(name, th, err) }

// WriteStderr writes msg to the runtime's stderr in one piece.
func (rt *Runtime) WriteStderr(msg string) { rt.writeStderr(msg) }
