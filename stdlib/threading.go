package stdlib

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/core"
)

// The threading module: CPython's threading API on the native locking
// layer of package core. Thread, Condition, Semaphore, BoundedSemaphore,
// Event, Barrier and Timer are classes Python code can subclass (made
// with core.Thread.NewClass, their methods in Go, their Go state in the
// instance); Lock and RLock are the thread module's lock types, as
// CPython's are _thread's. Every wait is a wait of the native layer: it
// detaches from the lock, suspends the waiter's critical sections and is
// a scheduling point under a deterministic scheduler.

func init() { add("threading", loadThreading) }

// threadingMod is one runtime's threading module. Its type pointers are
// borrowed from the module's dict, which holds the classes.
type threadingMod struct {
	mod     *core.Module
	active  *core.Dict // _active: ident -> Thread, as CPython's
	counter atomic.Int64
	lock    core.Object // thread.Lock, borrowed from the module's dict
	rlock   core.Object // thread.RLock
	// The classes.
	thread, dummy, mainCls, event, hookArgs *core.Type
	// defaultHook is the module's own excepthook (the __excepthook__).
	defaultHook core.Object
}

// threadState is a threading.Thread's Go state.
type threadState struct {
	started atomic.Bool
	ident   atomic.Int64
	// done is set when the thread has finished: join waits for it.
	done *core.Event
	// alive is false for a thread that never runs (until started) and
	// after it ends; the main and dummy threads are alive from the start.
	finished atomic.Bool
	// main says this is the main thread's state: alive until the
	// program's main module returns (core.Runtime.MainEnded).
	main bool
}

const threadNotInit = "thread.__init__() not called"

func loadThreading(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	tm := &threadingMod{mod: mod}
	if err := tm.build(th); err != nil {
		th.Decref(mod)
		return nil, err
	}
	return mod, nil
}

func (tm *threadingMod) build(th *core.Thread) error {
	rt := th.Runtime()
	d := tm.mod.Dict()
	tm.active = th.NewDict()
	if err := dictSetNew(th, d, "_active", tm.active); err != nil {
		return err
	}
	tmod, err := th.Import("thread")
	if err != nil {
		return err
	}
	defer th.Decref(tmod)
	for _, n := range []string{"Lock", "RLock"} {
		v, err := th.GetAttr(tmod, n)
		if err != nil {
			return err
		}
		if err := dictSetNew(th, d, n, v); err != nil {
			return err
		}
		if n == "Lock" {
			tm.lock = v
		} else {
			tm.rlock = v
		}
	}
	// _allocate_lock and ThreadError, as CPython's threading has them.
	if err := th.DictSetStr(d, "_allocate_lock", tm.lock); err != nil {
		return err
	}
	if err := th.DictSetStr(d, "ThreadError", th.RaiseType("RuntimeError")); err != nil {
		return err
	}
	if err := th.DictSetStr(d, "BrokenBarrierError", rt.BrokenBarrierError()); err != nil {
		return err
	}
	if err := dictSetNew(th, d, "TIMEOUT_MAX", th.NewFloat(math.Floor(timeoutMax))); err != nil {
		return err
	}
	if err := tm.buildThread(th); err != nil {
		return err
	}
	if err := tm.buildSync(th); err != nil {
		return err
	}
	if err := tm.buildHook(th); err != nil {
		return err
	}
	if err := addModuleFuncs(th, tm.mod, tm.funcs()); err != nil {
		return err
	}
	if err := tm.buildLocal(th); err != nil {
		return err
	}
	// The main thread: the thread of the program Exec runs. (A module
	// first imported by another thread registers that one as a dummy
	// when it asks, and its main_thread() is not registered.)
	main, err := th.Call(tm.mainCls, nil, nil)
	if err != nil {
		return err
	}
	return dictSetNew(th, d, "_main_thread", main)
}

func (tm *threadingMod) funcs() []pyMethod {
	return []pyMethod{
		{"current_thread", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("current_thread", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return tm.current(th)
		}},
		{"main_thread", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("main_thread", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.GetAttr(tm.mod, "_main_thread")
		}},
		{"get_ident", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("get_ident", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.NewInt(th.Ident()), nil
		}},
		{"get_native_id", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("get_native_id", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.NewInt(th.Ident()), nil
		}},
		{"active_count", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("active_count", args, kw, 0, 0); err != nil {
				return nil, err
			}
			n, err := th.Len(tm.active)
			if err != nil {
				return nil, err
			}
			return th.NewInt(int64(n)), nil
		}},
		{"enumerate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("enumerate", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return dictValues(th, tm.active)
		}},
		{"stack_size", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("stack_size", args, kw, 0, 1); err != nil {
				return nil, err
			}
			// Goroutine stacks grow as needed: there is no size to set.
			return th.NewInt(0), nil
		}},
	}
}

// dictValues returns a new list of d's values, in d's order.
func dictValues(th *core.Thread, d *core.Dict) (core.Object, error) {
	it, err := th.Iter(d)
	if err != nil {
		return nil, err
	}
	defer th.Decref(it)
	out := th.NewList(nil)
	for {
		k, ok, err := th.Next(it)
		if err != nil || !ok {
			if err != nil {
				th.Decref(out)
				return nil, err
			}
			return out, nil
		}
		v, err := th.DictGet(d, k)
		th.Decref(k)
		if err != nil {
			th.Decref(out)
			return nil, err
		}
		if v == nil {
			continue // removed meanwhile
		}
		err = th.ListAppend(out, v)
		th.Decref(v)
		if err != nil {
			th.Decref(out)
			return nil, err
		}
	}
}

// current returns a new reference to the calling thread's Thread: the
// one in _active, else a new dummy thread, as CPython's current_thread.
func (tm *threadingMod) current(th *core.Thread) (core.Object, error) {
	key := th.NewInt(th.Ident())
	v, err := th.DictGet(tm.active, key)
	th.Decref(key)
	if err != nil || v != nil {
		return v, err
	}
	return th.Call(tm.dummy, nil, nil)
}

// newName is CPython's _newname: "Thread-N", counting from 1.
func (tm *threadingMod) newName(template string) string {
	return fmt.Sprintf(template, tm.counter.Add(1))
}

// register puts t in _active under ident.
func (tm *threadingMod) register(th *core.Thread, ident int64, t core.Object) error {
	key := th.NewInt(ident)
	err := th.DictSet(tm.active, key, t)
	th.Decref(key)
	return err
}

func (tm *threadingMod) unregister(th *core.Thread, ident int64) error {
	key := th.NewInt(ident)
	_, err := th.DictDelete(tm.active, key)
	th.Decref(key)
	return err
}

func (tm *threadingMod) buildThread(th *core.Thread) error {
	rt := th.Runtime()
	none := rt.None
	cls, err := newPyClass(th, tm.mod, pyClassDef{
		name: "Thread",
		methods: []pyMethod{
			{"__init__", tm.threadInit},
			{"start", tm.threadStart},
			{"run", threadRun},
			{"join", tm.threadJoin},
			{"is_alive", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("is_alive", args[1:], kw, 0, 0); err != nil {
					return nil, err
				}
				s, err := goState[*threadState](th, args[0], threadNotInit)
				if err != nil {
					return nil, err
				}
				if s.main {
					return rt.Bool(!th.Runtime().MainEnded()), nil
				}
				return rt.Bool(s.started.Load() && !s.finished.Load()), nil
			}},
			{"__repr__", tm.threadRepr},
		},
		props: []pyProp{
			{"name", func(th *core.Thread, self core.Object) (core.Object, error) {
				return th.GetAttr(self, "_name")
			}, func(th *core.Thread, self, v core.Object) error {
				s, err := th.Str(v)
				if err != nil {
					return err
				}
				return setAttrNew(th, self, "_name", th.NewStr(s))
			}},
			{"ident", func(th *core.Thread, self core.Object) (core.Object, error) {
				s, err := goState[*threadState](th, self, threadNotInit)
				if err != nil {
					return nil, err
				}
				if !s.started.Load() {
					return none, nil
				}
				return th.NewInt(s.ident.Load()), nil
			}, nil},
			{"native_id", func(th *core.Thread, self core.Object) (core.Object, error) {
				s, err := goState[*threadState](th, self, threadNotInit)
				if err != nil {
					return nil, err
				}
				if !s.started.Load() {
					return none, nil
				}
				return th.NewInt(s.ident.Load()), nil
			}, nil},
			{"daemon", func(th *core.Thread, self core.Object) (core.Object, error) {
				return th.GetAttr(self, "_daemonic")
			}, func(th *core.Thread, self, v core.Object) error {
				s, err := goState[*threadState](th, self, "Thread.__init__() not called")
				if err != nil {
					return err
				}
				if s.started.Load() {
					return th.Raise(th.RaiseType("RuntimeError"), "cannot set daemon status of active thread")
				}
				b, err := th.Truth(v)
				if err != nil {
					return err
				}
				return th.SetAttr(self, "_daemonic", rt.Bool(b))
			}},
		},
	})
	if err != nil {
		return err
	}
	tm.thread = cls
	// _MainThread and _DummyThread: started and alive from the start.
	alive := func(kind, name string, daemon bool) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs(kind, args[1:], kw, 0, 0); err != nil {
				return nil, err
			}
			self := args[0]
			n := name
			if n == "" {
				n = tm.newName("Dummy-%d")
			}
			if err := tm.initFields(th, self, none, n, nil, nil, daemon); err != nil {
				return nil, err
			}
			s, err := goState[*threadState](th, self, threadNotInit)
			if err != nil {
				return nil, err
			}
			s.started.Store(true)
			s.ident.Store(th.Ident())
			s.main = kind == "_MainThread"
			return none, tm.register(th, th.Ident(), self)
		}
	}
	if tm.mainCls, err = newPyClass(th, tm.mod, pyClassDef{name: "_MainThread", bases: []*core.Type{cls},
		methods: []pyMethod{{"__init__", alive("_MainThread", "MainThread", false)}}}); err != nil {
		return err
	}
	tm.dummy, err = newPyClass(th, tm.mod, pyClassDef{name: "_DummyThread", bases: []*core.Type{cls},
		methods: []pyMethod{
			{"__init__", alive("_DummyThread", "", true)},
			{"join", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				return nil, th.Raise(th.RaiseType("RuntimeError"), "cannot join a dummy thread")
			}},
		}})
	if err != nil {
		return err
	}
	return tm.buildTimer(th)
}

// initFields sets a new Thread's attributes, as Thread.__init__ does.
func (tm *threadingMod) initFields(th *core.Thread, self, target core.Object, name string, args, kwargs core.Object, daemon bool) error {
	rt := th.Runtime()
	if err := th.SetAttr(self, "_target", target); err != nil {
		return err
	}
	if err := setAttrNew(th, self, "_name", th.NewStr(name)); err != nil {
		return err
	}
	if args == nil {
		if err := setAttrNew(th, self, "_args", th.NewTuple(nil)); err != nil {
			return err
		}
	} else if err := th.SetAttr(self, "_args", args); err != nil {
		return err
	}
	if absentOrNone(th, kwargs) {
		if err := setAttrNew(th, self, "_kwargs", th.NewDict()); err != nil {
			return err
		}
	} else if err := th.SetAttr(self, "_kwargs", kwargs); err != nil {
		return err
	}
	if err := th.SetAttr(self, "_daemonic", rt.Bool(daemon)); err != nil {
		return err
	}
	return setGoState(th, self, "thread", &threadState{done: th.NewEvent()})
}

// threadInit is Thread.__init__(self, group=None, target=None,
// name=None, args=(), kwargs=None, *, daemon=None).
func (tm *threadingMod) threadInit(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := parseParams(th, "Thread.__init__", args, kw, true, 5, "group", "target", "name", "args", "kwargs", "daemon")
	if err != nil {
		return nil, err
	}
	self := args[0]
	if !absentOrNone(th, p[0]) {
		return nil, th.Raise(th.RaiseType("AssertionError"), "group argument must be None for now")
	}
	target := p[1]
	if target == nil {
		target = th.Runtime().None
	}
	var name string
	if absentOrNone(th, p[2]) {
		name = tm.newName("Thread-%d")
		if target != th.Runtime().None {
			if tn, err := th.GetAttr(target, "__name__"); err == nil {
				s, serr := th.Str(tn)
				th.Decref(tn)
				if serr != nil {
					return nil, serr
				}
				name += " (" + s + ")"
			} else if core.IsExceptionNamed(err, "AttributeError") {
				th.Discard(err)
			} else {
				return nil, err
			}
		}
	} else if name, err = th.Str(p[2]); err != nil {
		return nil, err
	}
	var daemon bool
	if absentOrNone(th, p[5]) {
		cur, err := tm.current(th)
		if err != nil {
			return nil, err
		}
		dv, err := th.GetAttr(cur, "_daemonic")
		th.Decref(cur)
		if err != nil {
			return nil, err
		}
		daemon, err = th.Truth(dv)
		th.Decref(dv)
		if err != nil {
			return nil, err
		}
	} else if daemon, err = th.Truth(p[5]); err != nil {
		return nil, err
	}
	if err := tm.initFields(th, self, target, name, p[3], p[4], daemon); err != nil {
		return nil, err
	}
	return th.Runtime().None, nil
}

// threadStart is Thread.start(): runs self.run() on a new thread.
func (tm *threadingMod) threadStart(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("start", args[1:], kw, 0, 0); err != nil {
		return nil, err
	}
	self := args[0]
	s, err := goState[*threadState](th, self, threadNotInit)
	if err != nil {
		return nil, err
	}
	if !s.started.CompareAndSwap(false, true) {
		return nil, th.Raise(th.RaiseType("RuntimeError"), "threads can only be started once")
	}
	nameObj, err := th.GetAttr(self, "_name")
	if err != nil {
		return nil, err
	}
	name, err := th.Str(nameObj)
	th.Decref(nameObj)
	if err != nil {
		return nil, err
	}
	dv, err := th.GetAttr(self, "_daemonic")
	if err != nil {
		return nil, err
	}
	daemon, err := th.Truth(dv)
	th.Decref(dv)
	if err != nil {
		return nil, err
	}
	s.done.Describe("the end of " + name)
	th.Incref(self) // the new thread's, dropped when it ends
	_, err = th.StartThread(name, daemon, func(ident int64) error {
		s.ident.Store(ident)
		return tm.register(th, ident, self)
	}, func(child *core.Thread) {
		r, err := child.CallMethod(self, "run")
		child.XDecref(r)
		if err != nil {
			tm.threadException(child, self, err)
		}
		if err := tm.unregister(child, s.ident.Load()); err != nil {
			child.PrintException(err)
		}
		s.finished.Store(true)
		if err := s.done.Set(child); err != nil {
			child.PrintException(err)
		}
		child.Decref(self)
	})
	if err != nil {
		th.Decref(self)
		s.started.Store(false)
		return nil, err
	}
	return th.Runtime().None, nil
}

// threadRun is Thread.run(): calls the target with the arguments, then
// drops them, as CPython's does.
func threadRun(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("run", args[1:], kw, 0, 0); err != nil {
		return nil, err
	}
	self := args[0]
	rt := th.Runtime()
	target, err := th.GetAttr(self, "_target")
	if err != nil {
		return nil, err
	}
	defer th.Decref(target)
	var callErr error
	if target != rt.None {
		callErr = callWith(th, target, self, "_args", "_kwargs")
	}
	for _, n := range []string{"_target", "_args", "_kwargs"} {
		if err := th.DelAttr(self, n); err != nil {
			th.Discard(err)
		}
	}
	if callErr != nil {
		return nil, callErr
	}
	return rt.None, nil
}

// callWith calls fn(*self.<argsAttr>, **self.<kwAttr>) and drops the
// result.
func callWith(th *core.Thread, fn, self core.Object, argsAttr, kwAttr string) error {
	a, err := th.GetAttr(self, argsAttr)
	if err != nil {
		return err
	}
	defer th.Decref(a)
	k, err := th.GetAttr(self, kwAttr)
	if err != nil {
		return err
	}
	defer th.Decref(k)
	r, err := callStarStar(th, fn, a, k)
	th.XDecref(r)
	return err
}

// callStarStar is fn(*a, **k): a any iterable (or None), k a mapping
// with str keys (or None).
func callStarStar(th *core.Thread, fn, a, k core.Object) (core.Object, error) {
	var pos []core.Object
	defer func() {
		for _, o := range pos {
			th.Decref(o)
		}
	}()
	if !absentOrNone(th, a) {
		it, err := th.Iter(a)
		if err != nil {
			return nil, err
		}
		for {
			x, ok, err := th.Next(it)
			if err != nil {
				th.Decref(it)
				return nil, err
			}
			if !ok {
				break
			}
			pos = append(pos, x)
		}
		th.Decref(it)
	}
	var kws map[string]core.Object
	if !absentOrNone(th, k) {
		kws = map[string]core.Object{}
		it, err := th.Iter(k)
		if err != nil {
			return nil, err
		}
		defer th.Decref(it)
		for {
			key, ok, err := th.Next(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			ks, isStr := key.(*core.Str)
			if !isStr {
				th.Decref(key)
				return nil, th.Raise(th.RaiseType("TypeError"), "keywords must be strings")
			}
			v, err := th.GetItem(k, key)
			th.Decref(key)
			if err != nil {
				return nil, err
			}
			defer th.Decref(v)
			kws[ks.String()] = v
		}
	}
	return th.Call(fn, pos, kws)
}

// threadJoin is Thread.join(timeout=None).
func (tm *threadingMod) threadJoin(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := parseParams(th, "join", args, kw, true, 1, "timeout")
	if err != nil {
		return nil, err
	}
	self := args[0]
	s, err := goState[*threadState](th, self, "Thread.__init__() not called")
	if err != nil {
		return nil, err
	}
	if !s.started.Load() {
		return nil, th.Raise(th.RaiseType("RuntimeError"), "cannot join thread before it is started")
	}
	if s.ident.Load() == th.Ident() {
		return nil, th.Raise(th.RaiseType("RuntimeError"), "cannot join current thread")
	}
	d, err := waitTimeout(th, p[0])
	if err != nil {
		return nil, err
	}
	if _, err := s.done.Wait(th, d); err != nil {
		return nil, err
	}
	return th.Runtime().None, nil
}

// threadRepr is CPython's Thread.__repr__: <Thread(name, status)>, the
// status "initial", "started IDENT" or "stopped IDENT", and " daemon".
func (tm *threadingMod) threadRepr(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("__repr__", args[1:], kw, 0, 0); err != nil {
		return nil, err
	}
	self := args[0]
	s, err := goState[*threadState](th, self, threadNotInit)
	if err != nil {
		return nil, err
	}
	status := "initial"
	if s.started.Load() {
		status = fmt.Sprintf("started %d", s.ident.Load())
	}
	if s.finished.Load() {
		status = fmt.Sprintf("stopped %d", s.ident.Load())
	}
	dv, err := th.GetAttr(self, "_daemonic")
	if err != nil {
		return nil, err
	}
	daemon, err := th.Truth(dv)
	th.Decref(dv)
	if err != nil {
		return nil, err
	}
	if daemon {
		status += " daemon"
	}
	nameObj, err := th.GetAttr(self, "_name")
	if err != nil {
		return nil, err
	}
	name, err := th.Str(nameObj)
	th.Decref(nameObj)
	if err != nil {
		return nil, err
	}
	return th.NewStr(fmt.Sprintf("<%s(%s, %s)>", self.Type().Name(), name, status)), nil
}

// buildHook makes excepthook, __excepthook__ and ExceptHookArgs.
func (tm *threadingMod) buildHook(th *core.Thread) error {
	var err error
	tm.hookArgs, err = newPyClass(th, tm.mod, pyClassDef{name: "ExceptHookArgs"})
	if err != nil {
		return err
	}
	hook := th.NewBuiltin("excepthook", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := th.CheckArgs("excepthook", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.Runtime().None, tm.defaultExcepthook(th, args[0])
	})
	tm.defaultHook = hook
	if err := th.DictSetStr(tm.mod.Dict(), "excepthook", hook); err != nil {
		th.Decref(hook)
		return err
	}
	return dictSetNew(th, tm.mod.Dict(), "__excepthook__", hook)
}

// defaultExcepthook is threading.excepthook(args): "Exception in thread
// NAME:" and the traceback to stderr; SystemExit is ignored.
func (tm *threadingMod) defaultExcepthook(th *core.Thread, hargs core.Object) error {
	val, err := th.GetAttr(hargs, "exc_value")
	if err != nil {
		return err
	}
	e, ok := val.(*core.Exception)
	if !ok {
		th.Decref(val)
		return nil
	}
	if core.IsExceptionNamed(e, "SystemExit") {
		th.Decref(val)
		return nil
	}
	name := fmt.Sprintf("%d", th.Ident())
	if t, err := th.GetAttr(hargs, "thread"); err == nil {
		if t != th.Runtime().None {
			if n, err := th.GetAttr(t, "name"); err == nil {
				if s, err := th.Str(n); err == nil {
					name = s
				} else {
					th.Discard(err)
				}
				th.Decref(n)
			} else {
				th.Discard(err)
			}
		}
		th.Decref(t)
	} else {
		th.Discard(err)
	}
	th.ReportException(name, e) // takes val's reference
	return nil
}

// threadException handles an exception that ended self's run(), as
// CPython's _bootstrap_inner does: threading.excepthook gets it
// (SystemExit is ignored by the default one).
func (tm *threadingMod) threadException(th *core.Thread, self core.Object, runErr error) {
	e, ok := exceptionOf(runErr)
	if !ok {
		th.PrintException(runErr)
		return
	}
	hook, err := th.GetAttr(tm.mod, "excepthook")
	if err != nil {
		th.Discard(err)
		hook = nil
	}
	if hook == nil || hook == tm.defaultHook {
		th.XDecref(hook)
		if core.IsExceptionNamed(e, "SystemExit") {
			th.Discard(runErr)
			return
		}
		name, nerr := tm.nameOf(th, self)
		if nerr != nil {
			th.Discard(nerr)
		}
		th.ReportException(name, runErr)
		return
	}
	defer th.Decref(hook)
	hargs, err := th.Call(tm.hookArgs, nil, nil)
	if err != nil {
		th.Discard(runErr)
		th.PrintException(err)
		return
	}
	defer th.Decref(hargs)
	tb, err := th.GetAttr(e, "__traceback__")
	if err != nil {
		th.Discard(err)
		tb = th.Runtime().None
	}
	for _, f := range []struct {
		n string
		v core.Object
	}{{"exc_type", e.Type()}, {"exc_value", e}, {"exc_traceback", tb}, {"thread", self}} {
		if err := th.SetAttr(hargs, f.n, f.v); err != nil {
			th.Discard(err)
		}
	}
	th.Decref(tb)
	th.Discard(runErr)
	r, err := th.Call(hook, []core.Object{hargs}, nil)
	th.XDecref(r)
	if err != nil {
		if he, ok := exceptionOf(err); ok {
			th.Runtime().WriteStderr("Exception in threading.excepthook:\n" + he.FormatTraceback())
		}
		th.Discard(err)
	}
}

// nameOf is self.name as a Go string.
func (tm *threadingMod) nameOf(th *core.Thread, self core.Object) (string, error) {
	n, err := th.GetAttr(self, "name")
	if err != nil {
		return "?", err
	}
	defer th.Decref(n)
	return th.Str(n)
}

// buildTimer makes Timer(interval, function, args=None, kwargs=None), a
// Thread whose run waits interval seconds on its finished Event, then
// calls function unless cancel() was called.
func (tm *threadingMod) buildTimer(th *core.Thread) error {
	none := th.Runtime().None
	_, err := newPyClass(th, tm.mod, pyClassDef{name: "Timer", bases: []*core.Type{tm.thread},
		methods: []pyMethod{
			{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := parseParams(th, "Timer.__init__", args, kw, true, 4, "interval", "function", "args", "kwargs")
				if err != nil {
					return nil, err
				}
				switch {
				case p[0] == nil && p[1] == nil:
					return nil, th.Raise(th.RaiseType("TypeError"), "Timer.__init__() missing 2 required positional arguments: 'interval' and 'function'")
				case p[1] == nil:
					return nil, th.Raise(th.RaiseType("TypeError"), "Timer.__init__() missing 1 required positional argument: 'function'")
				case p[0] == nil:
					return nil, th.Raise(th.RaiseType("TypeError"), "Timer.__init__() missing 1 required positional argument: 'interval'")
				}
				self := args[0]
				r, err := tm.threadInit(th, []core.Object{self}, nil)
				if err != nil {
					return nil, err
				}
				th.XDecref(r)
				if err := th.SetAttr(self, "interval", p[0]); err != nil {
					return nil, err
				}
				if err := th.SetAttr(self, "function", p[1]); err != nil {
					return nil, err
				}
				if absentOrNone(th, p[2]) {
					err = setAttrNew(th, self, "args", th.NewList(nil))
				} else {
					err = th.SetAttr(self, "args", p[2])
				}
				if err != nil {
					return nil, err
				}
				if absentOrNone(th, p[3]) {
					err = setAttrNew(th, self, "kwargs", th.NewDict())
				} else {
					err = th.SetAttr(self, "kwargs", p[3])
				}
				if err != nil {
					return nil, err
				}
				ev, err := th.Call(tm.event, nil, nil)
				if err != nil {
					return nil, err
				}
				return none, setAttrNew(th, self, "finished", ev)
			}},
			{"cancel", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("cancel", args[1:], kw, 0, 0); err != nil {
					return nil, err
				}
				fin, err := th.GetAttr(args[0], "finished")
				if err != nil {
					return nil, err
				}
				defer th.Decref(fin)
				return th.CallMethod(fin, "set")
			}},
			{"run", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("run", args[1:], kw, 0, 0); err != nil {
					return nil, err
				}
				self := args[0]
				fin, err := th.GetAttr(self, "finished")
				if err != nil {
					return nil, err
				}
				defer th.Decref(fin)
				interval, err := th.GetAttr(self, "interval")
				if err != nil {
					return nil, err
				}
				r, err := th.CallMethod(fin, "wait", interval)
				th.Decref(interval)
				if err != nil {
					return nil, err
				}
				th.Decref(r)
				set, err := th.CallMethod(fin, "is_set")
				if err != nil {
					return nil, err
				}
				isSet, err := th.Truth(set)
				th.Decref(set)
				if err != nil {
					return nil, err
				}
				if !isSet {
					fn, err := th.GetAttr(self, "function")
					if err != nil {
						return nil, err
					}
					err = callWith(th, fn, self, "args", "kwargs")
					th.Decref(fn)
					if err != nil {
						return nil, err
					}
				}
				return th.CallMethod(fin, "set")
			}},
		}})
	return err
}

// buildLocal makes threading.local: an object whose attributes are the
// calling thread's own, as CPython's _thread._local. The per-thread
// dicts live in a dict of the instance (ident -> dict), so that they go
// with it; a thread's entry stays until then (CPython drops it when the
// thread ends). A subclass's __init__ runs again, with the constructor's
// arguments, the first time each other thread touches the object.
func (tm *threadingMod) buildLocal(th *core.Thread) error {
	bm, err := th.Import("builtins")
	if err != nil {
		return err
	}
	obj, err := th.GetAttr(bm, "object")
	th.Decref(bm)
	if err != nil {
		return err
	}
	defer th.Decref(obj)
	object := obj.(*core.Type) // immortal
	slot := func(th *core.Thread, name string, args ...core.Object) (core.Object, error) {
		f, err := th.GetAttr(object, name)
		if err != nil {
			return nil, err
		}
		defer th.Decref(f)
		return th.Call(f, args, nil)
	}
	const (
		dictsKey = "_rwgil_local_dicts"
		argsKey  = "_rwgil_local_args"
	)
	rt := th.Runtime()
	// ownInit reports whether cls has an __init__ of its own (not
	// object's).
	ownInit := func(th *core.Thread, cls core.Object) (bool, error) {
		a, err := th.GetAttr(cls, "__init__")
		if err != nil {
			return false, err
		}
		defer th.Decref(a)
		b, err := th.GetAttr(object, "__init__")
		if err != nil {
			return false, err
		}
		defer th.Decref(b)
		return a != b, nil
	}
	// threadDict returns a new reference to the calling thread's dict of
	// self, making it (and running __init__) the first time.
	threadDict := func(th *core.Thread, self core.Object) (*core.Dict, error) {
		name := th.NewStr(dictsKey)
		dv, err := slot(th, "__getattribute__", self, name)
		th.Decref(name)
		if err != nil {
			return nil, err
		}
		defer th.Decref(dv)
		dicts, ok := dv.(*core.Dict)
		if !ok {
			return nil, th.Raise(th.RaiseType("TypeError"), "threading.local: the per-thread dicts were replaced")
		}
		key := th.NewInt(th.Ident())
		defer th.Decref(key)
		v, err := th.DictGet(dicts, key)
		if err != nil || v != nil {
			if d, ok := v.(*core.Dict); ok || err != nil {
				return d, err
			}
			th.Decref(v)
			return nil, th.Raise(th.RaiseType("TypeError"), "threading.local: a per-thread dict was replaced")
		}
		d := th.NewDict()
		if err := th.DictSet(dicts, key, d); err != nil {
			th.Decref(d)
			return nil, err
		}
		cls := self.Type()
		own, err := ownInit(th, cls)
		if err != nil || !own {
			if err != nil {
				th.Decref(d)
			}
			return d, err
		}
		name = th.NewStr(argsKey)
		av, err := slot(th, "__getattribute__", self, name)
		th.Decref(name)
		if err != nil {
			th.Decref(d)
			return nil, err
		}
		defer th.Decref(av)
		saved, ok := av.(*core.Tuple)
		if !ok || saved.Len() != 2 {
			th.Decref(d)
			return nil, th.Raise(th.RaiseType("TypeError"), "threading.local: the saved arguments were replaced")
		}
		init, err := th.GetAttr(cls, "__init__")
		if err != nil {
			th.Decref(d)
			return nil, err
		}
		defer th.Decref(init)
		// __init__(self, *args, **kwargs): self first.
		th.Incref(self)
		pos := th.NewList([]core.Object{self})
		defer th.Decref(pos)
		if err := th.ListExtend(pos, saved.Item(0)); err != nil {
			th.Decref(d)
			return nil, err
		}
		r, err := callStarStar(th, init, pos, saved.Item(1))
		th.XDecref(r)
		if err != nil {
			th.Decref(d)
			return nil, err
		}
		return d, nil
	}
	var localCls *core.Type
	// typeName is the name CPython's messages give the class: tp_name,
	// "_thread._local" for local itself.
	typeName := func(self core.Object) string {
		if self.Type() == localCls {
			return "_thread._local"
		}
		return self.Type().Name()
	}
	attrErr := func(th *core.Thread, self core.Object, name string) error {
		return th.Raisef(th.RaiseType("AttributeError"), "'%s' object has no attribute '%s'", typeName(self), name)
	}
	localCls, err = newPyClass(th, tm.mod, pyClassDef{name: "local",
		newFn: func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(args) == 0 {
				return nil, th.Raise(th.RaiseType("TypeError"), "local.__new__(): not enough arguments")
			}
			cls := args[0]
			if len(args) > 1 || len(kw) > 0 {
				own, err := ownInit(th, cls)
				if err != nil {
					return nil, err
				}
				if !own {
					return nil, th.Raise(th.RaiseType("TypeError"), "Initialization arguments are not supported")
				}
			}
			self, err := slot(th, "__new__", cls)
			if err != nil {
				return nil, err
			}
			dicts := th.NewDict()
			// The creating thread's dict: its __init__ runs now, through
			// the constructor, not again.
			key := th.NewInt(th.Ident())
			d := th.NewDict()
			err = th.DictSet(dicts, key, d)
			th.Decref(key)
			th.Decref(d)
			kwd := th.NewDict()
			for k, v := range kw {
				if err == nil {
					err = th.DictSetStr(kwd, k, v)
				}
			}
			saved := th.Pack(th.Pack(args[1:]...), kwd)
			th.Decref(saved.Item(0))
			th.Decref(kwd)
			for _, f := range []struct {
				n string
				v core.Object
			}{{dictsKey, dicts}, {argsKey, saved}} {
				if err != nil {
					break
				}
				n := th.NewStr(f.n)
				var r core.Object
				r, err = slot(th, "__setattr__", self, n, f.v)
				th.Decref(n)
				th.XDecref(r)
			}
			th.Decref(dicts)
			th.Decref(saved)
			if err != nil {
				th.Decref(self)
				return nil, err
			}
			return self, nil
		},
		methods: []pyMethod{
			{"__getattribute__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__getattribute__", args[1:], kw, 1, 1); err != nil {
					return nil, err
				}
				self := args[0]
				name, err := th.StrArg("__getattribute__", args[1])
				if err != nil {
					return nil, err
				}
				if name == dictsKey || name == argsKey {
					return slot(th, "__getattribute__", self, args[1])
				}
				d, err := threadDict(th, self)
				if err != nil {
					return nil, err
				}
				if name == "__dict__" {
					return d, nil
				}
				v, err := th.DictGet(d, args[1])
				th.Decref(d)
				if err != nil || v != nil {
					return v, err
				}
				return slot(th, "__getattribute__", self, args[1])
			}},
			{"__setattr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__setattr__", args[1:], kw, 2, 2); err != nil {
					return nil, err
				}
				self := args[0]
				name, err := th.StrArg("__setattr__", args[1])
				if err != nil {
					return nil, err
				}
				if name == "__dict__" {
					return nil, th.Raisef(th.RaiseType("AttributeError"), "'%s' object attribute '__dict__' is read-only", typeName(self))
				}
				d, err := threadDict(th, self)
				if err != nil {
					return nil, err
				}
				defer th.Decref(d)
				return rt.None, th.DictSet(d, args[1], args[2])
			}},
			{"__delattr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__delattr__", args[1:], kw, 1, 1); err != nil {
					return nil, err
				}
				self := args[0]
				name, err := th.StrArg("__delattr__", args[1])
				if err != nil {
					return nil, err
				}
				d, err := threadDict(th, self)
				if err != nil {
					return nil, err
				}
				defer th.Decref(d)
				found, err := th.DictDelete(d, args[1])
				if err == nil && !found {
					err = attrErr(th, self, name)
				}
				return rt.None, err
			}},
		}})
	return err
}

// condState is a threading.Condition's Go state.
type condState struct {
	cond *core.Condition
	lock core.Object // borrowed: the instance's _lock holds it
}

// pyLocker is a Python object with acquire and release methods, as a
// core.Locker, so that a Condition can wait on any lock Python code
// makes.
type pyLocker struct{ o core.Object }

func (l pyLocker) Acquire(th *core.Thread, blocking bool, timeout time.Duration) (bool, error) {
	args := []core.Object{th.Runtime().Bool(blocking)}
	if timeout >= 0 {
		args = append(args, th.NewFloat(timeout.Seconds()))
		defer th.Decref(args[1])
	}
	r, err := th.CallMethodKw(l.o, "acquire", args, nil)
	if err != nil {
		return false, err
	}
	defer th.Decref(r)
	return th.Truth(r)
}

func (l pyLocker) Release(th *core.Thread) error {
	r, err := th.CallMethod(l.o, "release")
	th.XDecref(r)
	return err
}

// lockerOf returns the core.Locker behind a Python lock object.
func lockerOf(o core.Object) core.Locker {
	switch l := o.(type) {
	case *core.LockObject:
		return &l.Lock
	case *core.RLockObject:
		return &l.RLock
	}
	return pyLocker{o}
}

// methodNoArgs wraps fn(th, self) as a method that takes no arguments.
func methodNoArgs(name string, fn func(th *core.Thread, self core.Object) (core.Object, error)) pyMethod {
	return pyMethod{name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := th.CheckArgs(name, args[1:], kw, 0, 0); err != nil {
			return nil, err
		}
		return fn(th, args[0])
	}}
}

// buildSync makes Condition, Semaphore, BoundedSemaphore, Event and
// Barrier.
func (tm *threadingMod) buildSync(th *core.Thread) error {
	rt := th.Runtime()
	none := rt.None
	const condNotInit = "Condition.__init__() not called"
	condOf := func(th *core.Thread, self core.Object) (*condState, error) {
		return goState[*condState](th, self, condNotInit)
	}
	lockCall := func(name, method string) pyMethod {
		return pyMethod{name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			c, err := condOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return th.CallMethodKw(c.lock, method, args[1:], kw)
		}}
	}
	notify := func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		p, err := parseParams(th, "notify", args, kw, true, 1, "n")
		if err != nil {
			return nil, err
		}
		c, err := condOf(th, args[0])
		if err != nil {
			return nil, err
		}
		n := int64(1)
		if p[0] != nil {
			if n, err = th.IntArg("notify", p[0]); err != nil {
				return nil, err
			}
		}
		if n <= 0 {
			// CPython's notify wakes no one for n <= 0, but checks the lock.
			owned, err := c.cond.IsOwned(th)
			if err != nil {
				return nil, err
			}
			if !owned {
				return nil, th.Raise(th.RaiseType("RuntimeError"), "cannot notify on un-acquired lock")
			}
			return none, nil
		}
		return none, c.cond.Notify(th, int(min(n, 1<<31)))
	}
	notifyAll := methodNoArgs("notify_all", func(th *core.Thread, self core.Object) (core.Object, error) {
		c, err := condOf(th, self)
		if err != nil {
			return nil, err
		}
		return none, c.cond.NotifyAll(th)
	})
	_, err := newPyClass(th, tm.mod, pyClassDef{name: "Condition", methods: []pyMethod{
		{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			p, err := parseParams(th, "Condition.__init__", args, kw, true, 1, "lock")
			if err != nil {
				return nil, err
			}
			self := args[0]
			lock := p[0]
			if absentOrNone(th, lock) {
				if lock, err = th.Call(tm.rlock, nil, nil); err != nil {
					return nil, err
				}
			} else {
				th.Incref(lock)
			}
			if err := setAttrNew(th, self, "_lock", lock); err != nil {
				return nil, err
			}
			c := &condState{cond: th.NewCondition(lockerOf(lock)), lock: lock}
			return none, setGoState(th, self, "Condition", c)
		}},
		lockCall("acquire", "acquire"),
		lockCall("release", "release"),
		lockCall("__enter__", "__enter__"),
		{"__exit__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			c, err := condOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return th.CallMethod(c.lock, "release")
		}},
		{"wait", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			p, err := parseParams(th, "wait", args, kw, true, 1, "timeout")
			if err != nil {
				return nil, err
			}
			c, err := condOf(th, args[0])
			if err != nil {
				return nil, err
			}
			d, err := waitTimeout(th, p[0])
			if err != nil {
				return nil, err
			}
			ok, err := c.cond.Wait(th, d)
			return rt.Bool(ok), err
		}},
		{"wait_for", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			p, err := parseParams(th, "wait_for", args, kw, true, 2, "predicate", "timeout")
			if err != nil {
				return nil, err
			}
			if p[0] == nil {
				return nil, th.Raise(th.RaiseType("TypeError"), "Condition.wait_for() missing 1 required positional argument: 'predicate'")
			}
			c, err := condOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return condWaitFor(th, c.cond, p[0], p[1])
		}},
		{"notify", notify},
		notifyAll,
		{"notifyAll", notifyAll.fn},
		{"_is_owned", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			c, err := condOf(th, args[0])
			if err != nil {
				return nil, err
			}
			ok, err := c.cond.IsOwned(th)
			return rt.Bool(ok), err
		}},
		{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			c, err := condOf(th, args[0])
			if err != nil {
				return nil, err
			}
			lr, err := th.Repr(c.lock)
			if err != nil {
				return nil, err
			}
			return th.NewStr(fmt.Sprintf("<Condition(%s, %d)>", lr, c.cond.Waiting())), nil
		}},
	}})
	if err != nil {
		return err
	}
	if err := tm.buildSemaphores(th); err != nil {
		return err
	}
	if err := tm.buildEvent(th); err != nil {
		return err
	}
	return tm.buildBarrier(th)
}

// condWaitFor is Condition.wait_for(predicate, timeout=None): it returns
// the predicate's last result, as CPython's does.
func condWaitFor(th *core.Thread, c *core.Condition, pred, timeoutArg core.Object) (core.Object, error) {
	timeout, err := waitTimeout(th, timeoutArg)
	if err != nil {
		return nil, err
	}
	sched := th.Runtime().Lock().Scheduler()
	deadline := sched.Now() + timeout
	result, err := th.Call(pred, nil, nil)
	for {
		if err != nil {
			return nil, err
		}
		ok, terr := th.Truth(result)
		if terr != nil || ok {
			if terr != nil {
				th.Decref(result)
				return nil, terr
			}
			return result, nil
		}
		wait := core.Forever
		if timeout >= 0 {
			if wait = deadline - sched.Now(); wait <= 0 {
				return result, nil
			}
		}
		th.Decref(result)
		if _, err := c.Wait(th, wait); err != nil {
			return nil, err
		}
		result, err = th.Call(pred, nil, nil)
	}
}

// acquireParams parses acquire(blocking=True, timeout=None) of a
// Semaphore: whether to block and the limit (Forever: none).
func acquireParams(th *core.Thread, args []core.Object, kw map[string]core.Object) (bool, time.Duration, error) {
	p, err := parseParams(th, "acquire", args, kw, true, 2, "blocking", "timeout")
	if err != nil {
		return false, 0, err
	}
	blocking := true
	if p[0] != nil {
		if blocking, err = th.Truth(p[0]); err != nil {
			return false, 0, err
		}
	}
	d := core.Forever
	if !absentOrNone(th, p[1]) {
		if !blocking {
			return false, 0, th.Raise(th.RaiseType("ValueError"), "can't specify timeout for non-blocking acquire")
		}
		if d, err = waitTimeout(th, p[1]); err != nil {
			return false, 0, err
		}
	}
	return blocking, d, nil
}

func (tm *threadingMod) buildSemaphores(th *core.Thread) error {
	rt := th.Runtime()
	none := rt.None
	const notInit = "Semaphore.__init__() not called"
	semOf := func(th *core.Thread, self core.Object) (*core.Semaphore, error) {
		return goState[*core.Semaphore](th, self, notInit)
	}
	initFor := func(bounded bool) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			p, err := parseParams(th, "Semaphore.__init__", args, kw, true, 1, "value")
			if err != nil {
				return nil, err
			}
			v := int64(1)
			if p[0] != nil {
				if v, err = th.IntArg("Semaphore", p[0]); err != nil {
					return nil, err
				}
			}
			s, err := th.NewSemaphore(v, bounded)
			if err != nil {
				return nil, err
			}
			return none, setGoState(th, args[0], "Semaphore", s)
		}
	}
	acquire := func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		blocking, d, err := acquireParams(th, args, kw)
		if err != nil {
			return nil, err
		}
		s, err := semOf(th, args[0])
		if err != nil {
			return nil, err
		}
		ok, err := s.Acquire(th, blocking, d)
		return rt.Bool(ok), err
	}
	release := func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		p, err := parseParams(th, "release", args, kw, true, 1, "n")
		if err != nil {
			return nil, err
		}
		s, err := semOf(th, args[0])
		if err != nil {
			return nil, err
		}
		n := int64(1)
		if p[0] != nil {
			if n, err = th.IntArg("release", p[0]); err != nil {
				return nil, err
			}
		}
		return none, s.Release(th, n)
	}
	repr := func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		s, err := semOf(th, args[0])
		if err != nil {
			return nil, err
		}
		if b := s.Bound(); b >= 0 {
			return th.NewStr(fmt.Sprintf("%s: value=%d/%d>", objectAt(args[0]), s.Value(), b)), nil
		}
		return th.NewStr(fmt.Sprintf("%s: value=%d>", objectAt(args[0]), s.Value())), nil
	}
	methods := []pyMethod{
		{"__init__", initFor(false)},
		{"acquire", acquire},
		{"__enter__", acquire},
		{"release", release},
		{"__exit__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			s, err := semOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return none, s.Release(th, 1)
		}},
		{"__repr__", repr},
	}
	sem, err := newPyClass(th, tm.mod, pyClassDef{name: "Semaphore", methods: methods})
	if err != nil {
		return err
	}
	_, err = newPyClass(th, tm.mod, pyClassDef{name: "BoundedSemaphore", bases: []*core.Type{sem},
		methods: []pyMethod{{"__init__", initFor(true)}}})
	return err
}

func (tm *threadingMod) buildEvent(th *core.Thread) error {
	rt := th.Runtime()
	none := rt.None
	const notInit = "Event.__init__() not called"
	evOf := func(th *core.Thread, self core.Object) (*core.Event, error) {
		return goState[*core.Event](th, self, notInit)
	}
	isSet := methodNoArgs("is_set", func(th *core.Thread, self core.Object) (core.Object, error) {
		e, err := evOf(th, self)
		if err != nil {
			return nil, err
		}
		return rt.Bool(e.IsSet()), nil
	})
	var err error
	tm.event, err = newPyClass(th, tm.mod, pyClassDef{name: "Event", methods: []pyMethod{
		methodNoArgs("__init__", func(th *core.Thread, self core.Object) (core.Object, error) {
			return none, setGoState(th, self, "Event", th.NewEvent())
		}),
		isSet,
		{"isSet", isSet.fn},
		methodNoArgs("set", func(th *core.Thread, self core.Object) (core.Object, error) {
			e, err := evOf(th, self)
			if err != nil {
				return nil, err
			}
			return none, e.Set(th)
		}),
		methodNoArgs("clear", func(th *core.Thread, self core.Object) (core.Object, error) {
			e, err := evOf(th, self)
			if err != nil {
				return nil, err
			}
			return none, e.Clear(th)
		}),
		{"wait", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			p, err := parseParams(th, "wait", args, kw, true, 1, "timeout")
			if err != nil {
				return nil, err
			}
			e, err := evOf(th, args[0])
			if err != nil {
				return nil, err
			}
			d, err := waitTimeout(th, p[0])
			if err != nil {
				return nil, err
			}
			ok, err := e.Wait(th, d)
			return rt.Bool(ok), err
		}},
		methodNoArgs("__repr__", func(th *core.Thread, self core.Object) (core.Object, error) {
			e, err := evOf(th, self)
			if err != nil {
				return nil, err
			}
			state := "unset"
			if e.IsSet() {
				state = "set"
			}
			return th.NewStr(fmt.Sprintf("%s: %s>", objectAt(self), state)), nil
		}),
	}})
	return err
}

// objectAt is the start of CPython's repr of a threading object,
// "<module.qualname at 0xADDR".
func objectAt(o core.Object) string {
	t := o.Type()
	return fmt.Sprintf("<%s.%s at %#x", t.Module(), t.QualName(), core.ID(o))
}

// barrierState is a threading.Barrier's Go state.
type barrierState struct {
	b *core.Barrier
}

func (tm *threadingMod) buildBarrier(th *core.Thread) error {
	rt := th.Runtime()
	none := rt.None
	const notInit = "Barrier.__init__() not called"
	barOf := func(th *core.Thread, self core.Object) (*core.Barrier, error) {
		s, err := goState[*barrierState](th, self, notInit)
		if err != nil {
			return nil, err
		}
		return s.b, nil
	}
	_, err := newPyClass(th, tm.mod, pyClassDef{name: "Barrier",
		methods: []pyMethod{
			{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := parseParams(th, "Barrier.__init__", args, kw, true, 3, "parties", "action", "timeout")
				if err != nil {
					return nil, err
				}
				if p[0] == nil {
					return nil, th.Raise(th.RaiseType("TypeError"), "Barrier.__init__() missing 1 required positional argument: 'parties'")
				}
				self := args[0]
				parties, err := th.IntArg("Barrier", p[0])
				if err != nil {
					return nil, err
				}
				if parties < 0 {
					// CPython 3.12 takes any number; a barrier that no
					// Wait can complete is a deadlock, not an error.
					parties = 0
				}
				var action func(th *core.Thread) error
				if !absentOrNone(th, p[1]) {
					if err := th.SetAttr(self, "_action", p[1]); err != nil {
						return nil, err
					}
					action = func(th *core.Thread) error {
						fn, err := th.GetAttr(self, "_action")
						if err != nil {
							return err
						}
						r, err := th.Call(fn, nil, nil)
						th.Decref(fn)
						th.XDecref(r)
						return err
					}
				}
				d := core.Forever
				if !absentOrNone(th, p[2]) {
					if d, err = waitTimeout(th, p[2]); err != nil {
						return nil, err
					}
				}
				return none, setGoState(th, self, "Barrier", &barrierState{th.NewBarrier(int(parties), action, d)})
			}},
			{"wait", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := parseParams(th, "wait", args, kw, true, 1, "timeout")
				if err != nil {
					return nil, err
				}
				b, err := barOf(th, args[0])
				if err != nil {
					return nil, err
				}
				d := core.Forever
				if !absentOrNone(th, p[0]) {
					if d, err = waitTimeout(th, p[0]); err != nil {
						return nil, err
					}
				}
				i, err := b.Wait(th, d)
				if err != nil {
					return nil, err
				}
				return th.NewInt(int64(i)), nil
			}},
			methodNoArgs("reset", func(th *core.Thread, self core.Object) (core.Object, error) {
				b, err := barOf(th, self)
				if err != nil {
					return nil, err
				}
				return none, b.Reset(th)
			}),
			methodNoArgs("abort", func(th *core.Thread, self core.Object) (core.Object, error) {
				b, err := barOf(th, self)
				if err != nil {
					return nil, err
				}
				return none, b.Abort(th)
			}),
			methodNoArgs("__repr__", func(th *core.Thread, self core.Object) (core.Object, error) {
				b, err := barOf(th, self)
				if err != nil {
					return nil, err
				}
				broken, err := b.Broken(th)
				if err != nil {
					return nil, err
				}
				if broken {
					return th.NewStr(objectAt(self) + ": broken>"), nil
				}
				n, err := b.Waiting(th)
				if err != nil {
					return nil, err
				}
				return th.NewStr(fmt.Sprintf("%s: waiters=%d/%d>", objectAt(self), n, b.Parties())), nil
			}),
		},
		props: []pyProp{
			{"parties", func(th *core.Thread, self core.Object) (core.Object, error) {
				b, err := barOf(th, self)
				if err != nil {
					return nil, err
				}
				return th.NewInt(int64(b.Parties())), nil
			}, nil},
			{"n_waiting", func(th *core.Thread, self core.Object) (core.Object, error) {
				b, err := barOf(th, self)
				if err != nil {
					return nil, err
				}
				n, err := b.Waiting(th)
				if err != nil {
					return nil, err
				}
				return th.NewInt(int64(n)), nil
			}, nil},
			{"broken", func(th *core.Thread, self core.Object) (core.Object, error) {
				b, err := barOf(th, self)
				if err != nil {
					return nil, err
				}
				broken, err := b.Broken(th)
				return rt.Bool(broken), err
			}, nil},
		},
	})
	return err
}
