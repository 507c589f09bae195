package core

import (
	"fmt"
	"io"
	"math"
	"os"
	"sync/atomic"
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

// LockObject is thread.Lock(): a plain lock any thread may release.
type LockObject struct {
	Header
	mu eml.Mutex
	// serial numbers the runtime's locks, and holder is the thread that
	// last acquired it (nil once released): for deadlock reports.
	serial int64
	holder atomic.Pointer[Thread]
}

// Dealloc implements refcount.Object.
func (l *LockObject) Dealloc(by *refcount.Owner) { untrack(l, by) }

// Describe implements refcount.Object.
func (l *LockObject) Describe() string { return describe(l) }

// RLockObject is thread.RLock(): re-entrant for its owner.
type RLockObject struct {
	Header
	mu     eml.Mutex
	serial int64 // numbers the runtime's locks, for deadlock reports
	owner  atomic.Pointer[Thread]
	count  int // guarded by mu (the owner's)
}

// Dealloc implements refcount.Object.
func (l *RLockObject) Dealloc(by *refcount.Owner) { untrack(l, by) }

// Describe implements refcount.Object.
func (l *RLockObject) Describe() string { return describe(l) }

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
			l := &LockObject{serial: th.rt.lockSerial.Add(1)}
			l.typ = th.rt.types.lock
			th.track(l)
			return l, nil
		}},
		{"RLock", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.funcArgs("RLock", args, kw, 0, 0); err != nil {
				return nil, err
			}
			l := &RLockObject{serial: th.rt.lockSerial.Add(1)}
			l.typ = th.rt.types.rlock
			th.track(l)
			return l, nil
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
	msg := fmt.Sprintf("Exception in thread %s:\n%s", name, e.FormatTraceback())
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

// lockAcquireArgs parses acquire(blocking=True, timeout=-1): the wait, <0
// for no limit, 0 for none.
func (th *Thread) lockAcquireArgs(args []Object, kw map[string]Object) (time.Duration, error) {
	if err := th.checkKwargs("acquire", kw, "blocking", "timeout"); err != nil {
		return 0, err
	}
	if err := th.checkArgs("acquire", args[1:], 0, 2); err != nil {
		return 0, err
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
		return 0, err
	}
	d := time.Duration(-1)
	if timeout != nil {
		if d, err = th.seconds("acquire", timeout); err != nil {
			return 0, err
		}
		if d < 0 && d != -time.Second {
			return 0, th.Raise(th.rt.types.exc.ValueError, "timeout value must be a non-negative number")
		}
		if d < 0 {
			d = -1
		}
	}
	if !block {
		if d >= 0 {
			return 0, th.Raise(th.rt.types.exc.ValueError, "can't specify a timeout for a non-blocking call")
		}
		return 0, nil
	}
	return d, nil
}

var lockMethods = []method{
	{"acquire", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		d, err := th.lockAcquireArgs(args, kw)
		if err != nil {
			return nil, err
		}
		l := self[*LockObject](args)
		th.blockedOn = l
		ok, err := th.lockInterruptibly(&l.mu, d)
		th.blockedOn = nil
		if ok {
			l.holder.Store(th)
		}
		return th.rt.Bool(ok), err
	}},
	{"release", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("release", args, kw, 0, 0); err != nil {
			return nil, err
		}
		l := self[*LockObject](args)
		if !l.mu.Locked() {
			return nil, th.Raise(th.rt.types.exc.RuntimeError, "release unlocked lock")
		}
		l.holder.Store(nil)
		l.mu.Unlock(th.eml)
		return th.rt.None, nil
	}},
	{"locked", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("locked", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.rt.Bool(self[*LockObject](args).mu.Locked()), nil
	}},
}

var rlockMethods = []method{
	{"acquire", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		d, err := th.lockAcquireArgs(args, kw)
		if err != nil {
			return nil, err
		}
		l := self[*RLockObject](args)
		if l.owner.Load() == th {
			l.count++
			return th.rt.True, nil
		}
		th.blockedOn = l
		ok, err := th.lockInterruptibly(&l.mu, d)
		th.blockedOn = nil
		if ok {
			l.owner.Store(th)
			l.count = 1
		}
		return th.rt.Bool(ok), err
	}},
	{"release", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("release", args, kw, 0, 0); err != nil {
			return nil, err
		}
		l := self[*RLockObject](args)
		if l.owner.Load() != th {
			return nil, th.Raise(th.rt.types.exc.RuntimeError, "cannot release un-acquired lock")
		}
		l.count--
		if l.count == 0 {
			l.owner.Store(nil)
			l.mu.Unlock(th.eml)
		}
		return th.rt.None, nil
	}},
}
