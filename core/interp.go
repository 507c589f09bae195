package core

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// Several interpreters in one process (docs/interpreters.md). A Runtime
// is one interpreter: its own types, singletons, modules, __main__,
// builtins, objects and thread states. The runtime made by NewRuntime is
// the main interpreter (id 0); Runtime.NewInterpreter makes children of
// it, each with a lock of its own and its own policy, or sharing the lock
// of another interpreter (the pre-3.12 model). What the interpreters of a
// process share -- their ids, the declarations of which modules support
// several interpreters, the cross-interpreter queues, the isolation
// checker's findings -- is the group, held by every member.
//
// No object of one interpreter is ever referenced from another: values
// cross by copy (Shared, xidata.go), and code crosses as bytecode, which
// each runtime turns into its own code objects (codeFor).

// InterpSupport is what a module declares about several interpreters, as
// CPython's Py_mod_multiple_interpreters slot does.
type InterpSupport uint8

const (
	// InterpSupported: the module may be imported in the main
	// interpreter and in a child that shares another interpreter's lock,
	// not in one with a lock of its own
	// (Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED, CPython's default for a
	// module that declares nothing).
	InterpSupported InterpSupport = iota
	// InterpNotSupported: only the main interpreter may import it
	// (Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED).
	InterpNotSupported
	// InterpPerLock: the module may be imported in any interpreter, one
	// with a lock of its own included (Py_MOD_PER_INTERPRETER_GIL_SUPPORTED);
	// its state is per interpreter.
	InterpPerLock
)

var interpSupportNames = [...]string{InterpSupported: "supported", InterpNotSupported: "not-supported", InterpPerLock: "per-lock"}

func (s InterpSupport) String() string {
	if int(s) < len(interpSupportNames) {
		return interpSupportNames[s]
	}
	return fmt.Sprintf("InterpSupport(%d)", s)
}

// interpGroup is what the interpreters of one process share.
type interpGroup struct {
	mu      sync.Mutex
	nextID  int64
	members map[int64]*Runtime // open interpreters, the main one included
	main    *Runtime
	support map[string]InterpSupport

	queues       map[int64]*Queue
	nextQueue    int64
	queueObjects QueueObjects
	setup        func(*Runtime) error
	compile      Compiler

	// lent maps the threads EnsureFrom made under EnsureRecursive to
	// their leases: the holder whose attachment each runs on.
	lent sync.Map
	// selfWaits are the threads EnsureFrom made under EnsureDeadlock
	// that wait for the lock their own goroutine holds, for the watchdog
	// (interp_ensure.go).
	waitMu    sync.Mutex
	selfWaits map[*Thread]selfWait
	// violations are what the isolation checker found (isolation.go).
	violMu     sync.Mutex
	violations []string
	violCount  atomic.Int64
}

// interpState is a runtime's place among the interpreters of its
// process.
type interpState struct {
	group *interpGroup
	id    int64
	// lockOf is the interpreter whose lock this one uses: itself, or
	// the one it was created to share a lock with (and then that one's
	// lockOf).
	lockOf *Runtime
	// running counts the exec and call runs in progress in the
	// interpreter made from other interpreters (Interpreter.is_running).
	running atomic.Int64
	// closing is set, under group.mu, when Close begins: no new run may
	// enter.
	closing bool
}

// initMainInterp makes rt the main interpreter of a new group.
func (rt *Runtime) initMainInterp() {
	g := &interpGroup{members: map[int64]*Runtime{0: rt}, main: rt,
		support: map[string]InterpSupport{}, queues: map[int64]*Queue{}, nextID: 1, nextQueue: 1}
	rt.interp = interpState{group: g, id: 0, lockOf: rt}
}

// InterpreterConfig configures a child interpreter made by
// Runtime.NewInterpreter. Everything else (the output streams, the
// scheduler, the refcount strategy's default rule, CheckIsolation, the
// compiler) is the main interpreter's.
type InterpreterConfig struct {
	// Policy is the policy of the child's own lock; the zero value is
	// eml. Ignored with ShareLockWith.
	Policy eml.Policy
	// ShareLockWith, if not nil, is an interpreter of the same process
	// whose lock the child uses instead of one of its own (the model of
	// CPython before 3.12, where every subinterpreter shares the GIL).
	ShareLockWith *Runtime
}

// ErrInterpreterNotFound is wrapped by the errors about an interpreter
// that is closed or was never made (InterpreterNotFoundError).
var ErrInterpreterNotFound = errors.New("unrecognized interpreter")

// ErrInterpreterRunning is wrapped by Close of an interpreter that is
// running code for another one.
var ErrInterpreterRunning = errors.New("interpreter is running")

// NewInterpreter makes a child interpreter in rt's process: a runtime
// with its own modules, __main__, builtins, objects and threads, and its
// own lock (or ic.ShareLockWith's), whose id is the next free one. The
// module loaders registered in the main interpreter are registered in
// the child, each checked against its module's InterpSupport at import.
// The child must be closed (Close) before the main interpreter is, or
// the main interpreter's Close closes it.
func (rt *Runtime) NewInterpreter(ic InterpreterConfig) (*Runtime, error) {
	g := rt.interp.group
	cfg := g.main.cfg
	var lock *eml.Lock
	lockOf := (*Runtime)(nil)
	if s := ic.ShareLockWith; s != nil {
		if s.interp.group != g {
			return nil, errors.New("core: NewInterpreter: ShareLockWith is an interpreter of another process")
		}
		g.mu.Lock()
		_, open := g.members[s.interp.id]
		g.mu.Unlock()
		if !open {
			return nil, fmt.Errorf("core: NewInterpreter: ShareLockWith: %w ID %d", ErrInterpreterNotFound, s.interp.id)
		}
		lockOf = s.interp.lockOf
		lock = lockOf.lock
		cfg.Policy = lockOf.cfg.Policy
		cfg.Refcount = lockOf.cfg.Refcount
	} else {
		if cfg.Policy != ic.Policy {
			cfg.Refcount = 0 // the default for the child's own policy
		}
		cfg.Policy = ic.Policy
	}
	cfg.Argv = nil
	// A child with a lock of its own parks its Mutex waiters in the main
	// interpreter's lot, so that an eml.Mutex that Go code shares between
	// interpreters works whatever their locks (eml.Config.ParkWith).
	child, err := newRuntime(cfg, lock, g.main.lock)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	if g.main.interp.closing {
		g.mu.Unlock()
		return nil, fmt.Errorf("core: NewInterpreter: the main interpreter is closing: %w", ErrRuntimeClosed)
	}
	id := g.nextID
	g.nextID++
	child.interp = interpState{group: g, id: id, lockOf: lockOf}
	if lockOf == nil {
		child.interp.lockOf = child
	}
	g.members[id] = child
	g.mu.Unlock()
	g.mu.Lock()
	setup := g.setup
	g.mu.Unlock()
	if setup != nil {
		if err := setup(child); err != nil {
			return nil, errors.Join(fmt.Errorf("core: NewInterpreter: setup: %w", err), child.Close())
		}
		return child, nil
	}
	// The main interpreter's loaders, checked against their modules'
	// declarations.
	main := g.main
	main.modMu.Lock()
	for name, load := range main.loaders {
		child.loaders[name] = checkedLoader(name, load)
	}
	main.modMu.Unlock()
	return child, nil
}

// SetInterpreterSetup sets what NewInterpreter does to each child of rt's
// process before it returns it: register its module loaders (afresh, so
// that a module's state is the child's own), as the embedder did for the
// main interpreter. Without it, a child gets the main interpreter's
// loaders themselves, and a module whose loader keeps state in Go shares
// that state.
func (rt *Runtime) SetInterpreterSetup(setup func(child *Runtime) error) {
	g := rt.interp.group
	g.mu.Lock()
	g.setup = setup
	g.mu.Unlock()
}

// checkedLoader wraps a loader for a child interpreter: the module's
// declared InterpSupport decides whether it may load there.
func checkedLoader(name string, load ModuleLoader) ModuleLoader {
	return func(th *Thread, n string) (*Module, error) {
		rt := th.rt
		g := rt.interp.group
		g.mu.Lock()
		s := g.support[name]
		g.mu.Unlock()
		// As CPython's own_gil: a child that does not share another's
		// lock owns its own.
		ownLock := rt.interp.lockOf == rt
		if s == InterpNotSupported || (s == InterpSupported && ownLock) {
			// CPython's words for both refusals (import.c).
			return nil, th.Raisef(rt.types.exc.ImportError, "module %s does not support loading in subinterpreters", name)
		}
		return load(th, n)
	}
}

// DeclareInterpreterSupport records what module name supports, for every
// interpreter of rt's process (a module's declaration is a property of
// its code). Undeclared modules are InterpSupported, as in CPython.
func (rt *Runtime) DeclareInterpreterSupport(name string, s InterpSupport) error {
	if int(s) >= len(interpSupportNames) {
		return fmt.Errorf("core: unknown interpreter support %d for module %q", s, name)
	}
	g := rt.interp.group
	g.mu.Lock()
	g.support[name] = s
	g.mu.Unlock()
	return nil
}

// InterpreterSupport returns what module name declared.
func (rt *Runtime) InterpreterSupport(name string) InterpSupport {
	g := rt.interp.group
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.support[name]
}

// InterpreterID is the interpreter's id: 0 for the main one, then 1, 2,
// ... in the order NewInterpreter made them; ids are not reused.
func (rt *Runtime) InterpreterID() int64 { return rt.interp.id }

// IsMainInterpreter says rt is its process's main interpreter.
func (rt *Runtime) IsMainInterpreter() bool { return rt.interp.group.main == rt }

// MainInterpreter returns the main interpreter of rt's process.
func (rt *Runtime) MainInterpreter() *Runtime { return rt.interp.group.main }

// LockOwner returns the interpreter whose lock rt uses: rt itself, or the
// one whose lock it shares.
func (rt *Runtime) LockOwner() *Runtime { return rt.interp.lockOf }

// Interpreters returns the open interpreters of rt's process, by id.
func (rt *Runtime) Interpreters() []*Runtime {
	g := rt.interp.group
	g.mu.Lock()
	out := make([]*Runtime, 0, len(g.members))
	for _, m := range g.members {
		out = append(out, m)
	}
	g.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].interp.id < out[j].interp.id })
	return out
}

// Interpreter returns the open interpreter of rt's process with that id.
func (rt *Runtime) Interpreter(id int64) (*Runtime, error) {
	g := rt.interp.group
	g.mu.Lock()
	defer g.mu.Unlock()
	if m, ok := g.members[id]; ok && !m.interp.closing {
		return m, nil
	}
	return nil, fmt.Errorf("%w ID %d", ErrInterpreterNotFound, id)
}

// IsRunning says code sent from another interpreter (Exec, Call) is
// running in rt now.
func (rt *Runtime) IsRunning() bool { return rt.interp.running.Load() > 0 }

// enterRun counts a run in rt, unless rt is closing or closed.
func (rt *Runtime) enterRun() error {
	g := rt.interp.group
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.members[rt.interp.id]; !ok || rt.interp.closing {
		return fmt.Errorf("%w ID %d", ErrInterpreterNotFound, rt.interp.id)
	}
	rt.interp.running.Add(1)
	return nil
}

// closeInterp is Close's first step for an interpreter: no new run may
// enter it (refused, err, while it runs code for another interpreter);
// the main one closes every open child first, as CPython finalizes the
// subinterpreters at exit, and returns what closing them said (childErr).
func (rt *Runtime) closeInterp() (childErr, err error) {
	g := rt.interp.group
	g.mu.Lock()
	if _, ok := g.members[rt.interp.id]; !ok {
		g.mu.Unlock()
		return nil, nil // closed already: Close reports it
	}
	if rt.interp.running.Load() > 0 {
		g.mu.Unlock()
		return nil, fmt.Errorf("core: Close of interpreter %d: %w", rt.interp.id, ErrInterpreterRunning)
	}
	rt.interp.closing = true
	var children []*Runtime
	if g.main == rt {
		for id, m := range g.members {
			if id != 0 && !m.interp.closing {
				children = append(children, m)
			}
		}
	}
	g.mu.Unlock()
	sort.Slice(children, func(i, j int) bool { return children[i].interp.id < children[j].interp.id })
	var errs []error
	for _, c := range children {
		if err := c.Close(); err != nil {
			errs = append(errs, fmt.Errorf("interpreter %d: %w", c.interp.id, err))
		}
	}
	return errors.Join(errs...), nil
}

// leaveGroup removes a closed interpreter from its group.
func (rt *Runtime) leaveGroup() {
	g := rt.interp.group
	g.mu.Lock()
	delete(g.members, rt.interp.id)
	g.mu.Unlock()
}

// abortClose undoes closeInterp's mark when Close gives up (open threads).
func (rt *Runtime) abortClose() {
	g := rt.interp.group
	g.mu.Lock()
	rt.interp.closing = false
	g.mu.Unlock()
}

// ExcInfo describes an exception raised in another interpreter, which
// cannot itself cross: CPython's excinfo.
type ExcInfo struct {
	// Type, Qualname and Module name the exception's class.
	Type, Qualname, Module string
	// Msg is str(exception).
	Msg string
	// Formatted is "Type: msg" (Type alone when msg is empty);
	// Traceback is the exception printed as Python prints an uncaught
	// one (CPython's errdisplay).
	Formatted, Traceback string
}

func (e *ExcInfo) Error() string { return e.Formatted }

// excInfoOf turns an exception of th's interpreter into an ExcInfo and
// drops it.
func (th *Thread) excInfoOf(err error) *ExcInfo {
	var e *Exception
	if !errors.As(err, &e) {
		return &ExcInfo{Type: "RuntimeError", Qualname: "RuntimeError", Module: "builtins", Msg: err.Error(), Formatted: "RuntimeError: " + err.Error()}
	}
	msg, serr := th.Str(e)
	if serr != nil {
		th.Discard(serr)
		msg = "<exception str() failed>"
	}
	info := &ExcInfo{Type: e.typ.name, Qualname: e.typ.qualname, Module: e.typ.module, Msg: msg,
		Traceback: strings.TrimSuffix(th.FormatException(e), "\n")}
	info.Formatted = e.typeLabel()
	if msg != "" {
		info.Formatted += ": " + msg
	}
	th.Discard(err)
	return info
}

// runIn runs fn on a new thread of target, for th (a thread of another
// interpreter). th is detached from its lock for the whole run, as
// Molden's parent releases its GIL while a child works: th's other
// threads run meanwhile, and the detach is a scheduling point under a
// deterministic scheduler. A Python exception that leaves fn comes back
// as an *ExcInfo error (the exception itself stays in target).
func (th *Thread) runIn(target *Runtime, name string, fn func(tb *Thread) error) error {
	if target.interp.group != th.rt.interp.group {
		return errors.New("core: the interpreter belongs to another process")
	}
	if err := target.enterRun(); err != nil {
		return err
	}
	defer target.interp.running.Add(-1)
	run := func() (err error) {
		tb := target.NewThread(name)
		if err := tb.Attach(); err != nil {
			return errors.Join(err, tb.Close())
		}
		err = fn(tb)
		if err != nil {
			var e *Exception
			if errors.As(err, &e) {
				err = tb.excInfoOf(err)
			}
		}
		tb.exitAttached()
		return errors.Join(err, tb.Detach(), tb.Close())
	}
	if target == th.rt {
		return fmt.Errorf("core: interpreter %d is the current interpreter", target.interp.id)
	}
	var err error
	if th.rt.seq == nil {
		// The wait is named for thread dumps (SIGQUIT, DumpThreads), which
		// do not count it blocked: the other interpreter runs.
		th.blockedOn = interpWait{target}
		berr := th.AllowThreads(func() { err = run() })
		th.blockedOn = nil
		if berr == nil && th.interruptible() {
			// An Interrupt during the run is raised from the call, as
			// CPython's Interpreter.exec and call raise it when they
			// return (the other interpreter's code is not interrupted:
			// signals are the main interpreter's).
			if ierr := th.checkInterrupt(); ierr != nil {
				return ierr
			}
		}
		return errors.Join(err, berr)
	}
	// Under a Sequencer the run is a task of its own, which the caller
	// waits for parked, as a join waits: each goroutine's threads then
	// belong to one task, and the wait is a scheduling point like any.
	sched := th.rt.lock.Scheduler()
	me := th.eml.Waiter()
	var mu sync.Mutex
	done := false
	th.blockedOn = interpWait{target}
	berr := th.AllowThreads(func() {
		th.rt.seq.Go(name, func() {
			defer func() {
				mu.Lock()
				done = true
				mu.Unlock()
				sched.Unpark(me)
			}()
			err = run()
		})
		for {
			mu.Lock()
			d := done
			mu.Unlock()
			if d {
				return
			}
			sched.Park(me)
		}
	})
	th.blockedOn = nil
	return errors.Join(err, berr)
}

// interpWait is what a thread waits for while another interpreter runs
// its exec or call.
type interpWait struct{ target *Runtime }

func (w interpWait) describeWait(b *strings.Builder) {
	fmt.Fprintf(b, "interpreter %d to finish a run", w.target.interp.id)
}

// ExecIn runs code in target's __main__, for th (a thread of another
// interpreter of the same process), while th is detached from its own
// lock. An exception the code raises comes back as an *ExcInfo.
func (th *Thread) ExecIn(target *Runtime, code *bytecode.Code) error {
	return th.runIn(target, fmt.Sprintf("interp-%d-exec", target.interp.id), func(tb *Thread) error {
		r, err := tb.Run(code)
		tb.XDecref(r)
		return err
	})
}

// CompileSource compiles src, as the file filename, with the process's
// compiler (SetCompiler), for code run in an interpreter by other means
// than ExecSourceIn (extension code on a thread of its own).
func (rt *Runtime) CompileSource(filename string, src []byte) (*bytecode.Code, error) {
	compile := rt.compiler()
	if compile == nil {
		return nil, errors.New("core: no compiler (Runtime.SetCompiler)")
	}
	return compile(filename, src, CompileExec)
}

// ExecSourceIn compiles src with the process's compiler (SetCompiler), as the file <string>,
// and runs it in target as ExecIn does. A syntax error comes back as an
// *ExcInfo for a SyntaxError.
func (th *Thread) ExecSourceIn(target *Runtime, src string) error {
	compile := th.rt.compiler()
	if compile == nil {
		return errors.New("core: no compiler (Runtime.SetCompiler) to run source in another interpreter")
	}
	code, err := compile("<string>", []byte(src), CompileExec)
	if err != nil {
		return &ExcInfo{Type: "SyntaxError", Qualname: "SyntaxError", Module: "builtins", Msg: err.Error(), Formatted: "SyntaxError: " + err.Error(), Traceback: err.Error()}
	}
	return th.ExecIn(target, code)
}

// SetMainAttrs binds each name of attrs in target's __main__ to a copy of
// its value (Interpreter.prepare_main).
func (th *Thread) SetMainAttrs(target *Runtime, attrs map[string]Shared) error {
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	return th.runIn(target, fmt.Sprintf("interp-%d-prepare", target.interp.id), func(tb *Thread) error {
		m, err := tb.mainModule()
		if err != nil {
			return err
		}
		defer tb.Decref(m)
		for _, n := range names {
			v, err := tb.FromShared(attrs[n])
			if err != nil {
				return err
			}
			err = tb.DictSetStr(m.dict, n, v)
			tb.Decref(v)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// CallIn calls fn, a function of target's process shared by
// ShareFunction, in target: the function is made anew there from its
// bytecode with target's __main__ as its globals, called with copies of
// args and kwargs, and its result copied back. th is detached from its
// own lock meanwhile. An exception the call raises comes back as an
// *ExcInfo; a result that is not shareable as one for NotShareableError.
func (th *Thread) CallIn(target *Runtime, fn *SharedFunc, args []Shared, kwargs map[string]Shared) (Shared, error) {
	var res Shared
	err := th.runIn(target, fmt.Sprintf("interp-%d-call", target.interp.id), func(tb *Thread) error {
		f, err := tb.makeSharedFunc(fn)
		if err != nil {
			return err
		}
		defer tb.Decref(f)
		a, err := tb.fromSharedAll(args)
		if err != nil {
			return err
		}
		var kw map[string]Object
		if len(kwargs) > 0 {
			kw = make(map[string]Object, len(kwargs))
			for k, v := range kwargs {
				o, err := tb.FromShared(v)
				if err != nil {
					for _, o := range kw {
						tb.Decref(o)
					}
					for _, o := range a {
						tb.Decref(o)
					}
					return err
				}
				kw[k] = o
			}
		}
		r, err := tb.Call(f, a, kw)
		for _, o := range a {
			tb.Decref(o)
		}
		for _, o := range kw {
			tb.Decref(o)
		}
		if err != nil {
			return err
		}
		defer tb.Decref(r)
		res, err = tb.ToShared(r)
		if err != nil {
			var ns *NotShareableError
			if errors.As(err, &ns) {
				return &ExcInfo{Type: "NotShareableError", Qualname: "NotShareableError", Module: "concurrent.interpreters", Msg: ns.Error(), Formatted: "NotShareableError: " + ns.Error()}
			}
		}
		return err
	})
	return res, err
}
