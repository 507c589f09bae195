package core_test

import (
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// newProcess makes a main interpreter with the modules of rwgil run,
// isolation checked and objects tracked.
func newProcess(t *testing.T, cfg core.Config) *core.Runtime {
	t.Helper()
	cfg.CheckIsolation, cfg.TrackObjects = true, true
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := python.RegisterModules(rt); err != nil {
		t.Fatal(err)
	}
	return rt
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestInterpreterGoAPI drives interpreters from Go: children with their
// own lock and with a shared one, source and a function run in a child,
// values copied both ways, an exception coming back as an ExcInfo, and
// the main interpreter's Close closing the child left open.
func TestInterpreterGoAPI(t *testing.T) {
	var out strings.Builder
	rt := newProcess(t, core.Config{Policy: eml.PolicyEML, Stdout: &out})
	a, err := rt.NewInterpreter(core.InterpreterConfig{Policy: eml.PolicyGIL})
	must(t, "NewInterpreter(gil)", err)
	b, err := rt.NewInterpreter(core.InterpreterConfig{ShareLockWith: a})
	must(t, "NewInterpreter(ShareLockWith a)", err)
	if rt.InterpreterID() != 0 || a.InterpreterID() != 1 || b.InterpreterID() != 2 || !rt.IsMainInterpreter() || a.IsMainInterpreter() {
		t.Fatalf("ids %d %d %d; want 0 1 2 with 0 the main one", rt.InterpreterID(), a.InterpreterID(), b.InterpreterID())
	}
	if a.Lock() == rt.Lock() || b.Lock() != a.Lock() || b.LockOwner() != a || a.LockOwner() != a {
		t.Fatalf("locks: a must have its own, b a's")
	}
	if a.Config().Policy != eml.PolicyGIL || b.Config().Policy != eml.PolicyGIL {
		t.Fatalf("policies %v %v; want gil gil", a.Config().Policy, b.Config().Policy)
	}
	if n := len(rt.Interpreters()); n != 3 {
		t.Fatalf("%d interpreters; want 3", n)
	}

	// A function of the main interpreter, called in a.
	code, err := compile.Compile("main.py", []byte("def f(x, y=2):\n    return (x, y, x * y, 'x' * x)\ndef g():\n    return 1 // 0\n"))
	must(t, "compile", err)
	res, err := rt.Exec(code)
	must(t, "Exec", err)
	if res.Failed() {
		t.Fatal(res.Exception)
	}
	th := rt.NewThread("driver")
	must(t, "Attach", th.Attach())
	m := th.ImportedModule("__main__")
	fn, err := th.GetAttr(m, "f")
	must(t, "f", err)
	sf, err := th.ShareFunction(fn)
	must(t, "ShareFunction", err)
	th.Decref(fn)
	five, err := th.ToShared(th.NewInt(5))
	must(t, "ToShared", err)
	r, err := th.CallIn(a, sf, []core.Shared{five}, nil)
	must(t, "CallIn", err)
	if got := r.String(); got != `(5, 2, 10, "xxxxx")` {
		t.Errorf("CallIn result %s; want (5, 2, 10, \"xxxxx\")", got)
	}
	// An exception stays in a; its description comes back.
	gfn, err := th.GetAttr(m, "g")
	must(t, "g", err)
	sg, err := th.ShareFunction(gfn)
	must(t, "ShareFunction(g)", err)
	th.Decref(gfn)
	th.Decref(m)
	_, err = th.CallIn(b, sg, nil, nil)
	var info *core.ExcInfo
	if !errors.As(err, &info) || info.Type != "ZeroDivisionError" || info.Msg != "integer division or modulo by zero" || !strings.Contains(info.Traceback, "Traceback (most recent call last):") {
		t.Fatalf("CallIn(g): %v (%#v); want an ExcInfo for ZeroDivisionError with its traceback", err, info)
	}
	// Source, and __main__ attributes, in a.
	hiStr := th.NewStr("hi")
	hi, err := th.ToShared(hiStr)
	th.Decref(hiStr)
	must(t, "ToShared", err)
	must(t, "SetMainAttrs", th.SetMainAttrs(a, map[string]core.Shared{"greeting": hi}))
	must(t, "ExecSourceIn", th.ExecSourceIn(a, "print(greeting, 6 * 7)"))
	if err := th.ExecSourceIn(a, "def broken(:"); !errors.As(err, &info) || info.Type != "SyntaxError" {
		t.Errorf("ExecSourceIn of bad source: %v; want an ExcInfo for SyntaxError", err)
	}
	l := th.NewList(nil)
	if _, err := th.ToShared(l); err == nil || err.Error() != "[] does not support cross-interpreter data" {
		t.Errorf("ToShared(list): %v; want CPython's NotShareableError message", err)
	}
	th.Decref(l)
	must(t, "Detach", th.Detach())
	must(t, "Close thread", th.Close())
	if out.String() != "hi 42\n" {
		t.Errorf("a printed %q; want %q", out.String(), "hi 42\n")
	}
	must(t, "Close a", a.Close())
	if _, err := rt.Interpreter(1); !errors.Is(err, core.ErrInterpreterNotFound) {
		t.Errorf("Interpreter(1) after Close: %v; want ErrInterpreterNotFound", err)
	}
	// b is still open: the main interpreter's Close closes it.
	must(t, "Close main (and b)", rt.Close())
	if len(rt.Interpreters()) != 0 {
		t.Errorf("interpreters left after the main one closed: %d", len(rt.Interpreters()))
	}
}

// TestIsolationCheckerNamesBothInterpreters makes a thread of a child
// count a reference to an object of the main interpreter -- what copying
// exists to prevent -- and expects the checker to name both, and Close
// to fail.
func TestIsolationCheckerNamesBothInterpreters(t *testing.T) {
	rt := newProcess(t, core.Config{})
	child, err := rt.NewInterpreter(core.InterpreterConfig{})
	must(t, "NewInterpreter", err)
	th := rt.NewThread("owner")
	must(t, "Attach", th.Attach())
	s := th.NewStr("mine")
	other := child.NewThread("thief")
	must(t, "Attach thief", other.Attach())
	other.Incref(s)
	other.Decref(s)
	must(t, "Detach thief", other.Detach())
	must(t, "Close thief", other.Close())
	th.Decref(s)
	must(t, "Detach", th.Detach())
	must(t, "Close", th.Close())
	v := rt.IsolationViolations()
	want := `thread "thief" of interpreter 1 took a reference to a str object of interpreter 0`
	if len(v) == 0 || v[0] != want {
		t.Fatalf("violations %q; want first %q", v, want)
	}
	if err := child.Close(); !errors.Is(err, core.ErrIsolation) {
		t.Fatalf("child Close: %v; want ErrIsolation", err)
	}
	if err := rt.Close(); !errors.Is(err, core.ErrIsolation) {
		t.Fatalf("main Close: %v; want ErrIsolation", err)
	}
}

// TestEnsureAcrossInterpreters is Sitbon's problem: a thread holding
// interpreter A's lock calls Ensure for B. With separate locks it just
// attaches to B's; with a shared lock each EnsureAcross mode does what
// it says.
func TestEnsureAcrossInterpreters(t *testing.T) {
	setup := func(t *testing.T, mode core.EnsureMode, shared bool) (a, b *core.Runtime, holder *core.Thread) {
		t.Helper()
		a = newProcess(t, core.Config{Policy: eml.PolicyGIL, EnsureAcross: mode})
		ic := core.InterpreterConfig{Policy: eml.PolicyGIL}
		if shared {
			ic = core.InterpreterConfig{ShareLockWith: a}
		}
		b, err := a.NewInterpreter(ic)
		must(t, "NewInterpreter", err)
		holder = a.NewThread("holder")
		must(t, "Attach holder", holder.Attach())
		return a, b, holder
	}
	finish := func(t *testing.T, a *core.Runtime, holder *core.Thread) {
		t.Helper()
		must(t, "Detach holder", holder.Detach())
		must(t, "Close holder", holder.Close())
		must(t, "Close", a.Close())
	}
	t.Run("separate locks", func(t *testing.T) {
		a, b, holder := setup(t, core.EnsureError, false)
		th, err := b.EnsureFrom(holder, nil)
		must(t, "EnsureFrom", err)
		if !th.EML().Attached() || !holder.EML().Attached() {
			t.Fatal("both threads must be attached, each to its own interpreter's GIL")
		}
		must(t, "ReleaseFrom", th.ReleaseFrom())
		finish(t, a, holder)
	})
	t.Run("error", func(t *testing.T) {
		a, b, holder := setup(t, core.EnsureError, true)
		_, err := b.EnsureFrom(holder, nil)
		if !errors.Is(err, core.ErrEnsureSharedLock) || !strings.Contains(err.Error(), "interpreter 1") || !strings.Contains(err.Error(), "interpreter 0") {
			t.Fatalf("EnsureFrom: %v; want ErrEnsureSharedLock naming interpreters 1 and 0", err)
		}
		finish(t, a, holder)
	})
	t.Run("recursive", func(t *testing.T) {
		// The hold counts: the GIL does not leave the goroutine at
		// EnsureFrom or ReleaseFrom, though a thread of A waits for it;
		// the counted thread works in B and ensures C, which shares the
		// lock too, from there: a count of two.
		a, b, holder := setup(t, core.EnsureRecursive, true)
		c, err := a.NewInterpreter(core.InterpreterConfig{ShareLockWith: b})
		must(t, "NewInterpreter c", err)
		w := a.NewThread("waiter")
		attached := make(chan error, 1)
		go func() { attached <- w.Attach() }()
		for w.EML().Waiting() == "" {
			runtime.Gosched()
		}
		switches := a.Lock().Stats().Switches
		th, err := b.EnsureFrom(holder, nil)
		must(t, "EnsureFrom b", err)
		if !holder.EML().HoldsGIL() || !th.EML().Attached() || th.EML() != holder.EML() {
			t.Fatalf("after EnsureFrom: holder holds the GIL %v, ensured thread attached %v, on the holder's attachment %v; want all true",
				holder.EML().HoldsGIL(), th.EML().Attached(), th.EML() == holder.EML())
		}
		// B's thread works without a safe point (at one the GIL may go
		// to the waiter, as at any safe point of code the holder runs).
		l := th.NewList([]core.Object{th.NewInt(1), th.NewInt(2)})
		th.Decref(l)
		tc, err := c.EnsureFrom(th, nil)
		must(t, "EnsureFrom c", err)
		must(t, "ReleaseFrom c", tc.ReleaseFrom())
		must(t, "ReleaseFrom b", th.ReleaseFrom())
		if !holder.EML().HoldsGIL() {
			t.Fatal("after ReleaseFrom the holder no longer holds the GIL")
		}
		select {
		case err := <-attached:
			t.Fatalf("the waiter attached (%v) while the holder's hold was counted", err)
		default:
		}
		if got := a.Lock().Stats().Switches; got != switches {
			t.Fatalf("the GIL changed hands %d times between EnsureFrom and ReleaseFrom; want none", got-switches)
		}
		must(t, "Detach holder", holder.Detach())
		must(t, "waiter's Attach", <-attached)
		must(t, "Detach waiter", w.Detach())
		must(t, "Close waiter", w.Close())
		must(t, "Close holder", holder.Close())
		must(t, "Close", a.Close())
	})
	t.Run("recursive keeps a promotion", func(t *testing.T) {
		// Under eml, a holder in an unported call (the world stopped)
		// ensures B: B's thread runs Python inside the stop, and a thread of C,
		// sharing the lock, waits all through it (G1 holds across).
		// Callbacks = hold: under drop, Python code that an unported
		// call runs (B's calls here) lets the world run, in B as in A.
		a := newProcess(t, core.Config{Policy: eml.PolicyEML, EnsureAcross: core.EnsureRecursive, Callbacks: core.CallbacksHold})
		b, err := a.NewInterpreter(core.InterpreterConfig{ShareLockWith: a})
		must(t, "NewInterpreter b", err)
		c, err := a.NewInterpreter(core.InterpreterConfig{ShareLockWith: a})
		must(t, "NewInterpreter c", err)
		holder := a.NewThread("holder")
		must(t, "Attach holder", holder.Attach())
		must(t, "PromoteFor", holder.EML().PromoteFor("legacy"))
		tc := c.NewThread("c-waits")
		attached := make(chan error, 1)
		go func() { attached <- tc.Attach() }()
		for tc.EML().Waiting() == "" {
			runtime.Gosched()
		}
		th, err := b.EnsureFrom(holder, nil)
		must(t, "EnsureFrom", err)
		for range 1000 {
			must(t, "SafePoint b", th.SafePoint())
		}
		code, err := compile.Compile("b.py", []byte("x = [i * i for i in range(500)]\n"))
		must(t, "Compile", err)
		_, err = th.Run(code)
		must(t, "Run in b", err)
		if !th.EML().RunsAlone() {
			t.Fatal("B's counted thread does not run inside the holder's stop")
		}
		must(t, "ReleaseFrom", th.ReleaseFrom())
		select {
		case err := <-attached:
			t.Fatalf("C attached (%v) during the promotion B's thread ran in", err)
		default:
		}
		must(t, "Demote", holder.EML().Demote())
		must(t, "Detach holder", holder.Detach())
		must(t, "C's Attach", <-attached)
		must(t, "Detach c", tc.Detach())
		must(t, "Close c", tc.Close())
		must(t, "Close holder", holder.Close())
		must(t, "Close", a.Close())
	})
	t.Run("deadlock", func(t *testing.T) {
		// CPython 2.x's behaviour: the deterministic scheduler must find
		// the run deadlocked, and say who waits for what.
		s := schedule.New(schedule.Random(1), schedule.Options{})
		a, err := core.NewRuntime(core.Config{Policy: eml.PolicyGIL, EnsureAcross: core.EnsureDeadlock, Scheduler: s})
		must(t, "NewRuntime", err)
		b, err := a.NewInterpreter(core.InterpreterConfig{ShareLockWith: a})
		must(t, "NewInterpreter", err)
		holder := a.NewThread("holder")
		must(t, "Attach holder", holder.Attach())
		var aborted any
		func() {
			defer func() { aborted = recover() }()
			th, err := b.EnsureFrom(holder, nil)
			t.Errorf("EnsureFrom returned (%v, %v) under the deadlock mode; want it never to", th, err)
		}()
		var abort *eml.Abort
		if err, ok := aborted.(error); !ok || !errors.As(err, &abort) {
			t.Fatalf("EnsureFrom ended with %v; want the Scheduler's abort", aborted)
		}
		msg := s.Err().Error()
		if !strings.Contains(msg, "deadlock") || !strings.Contains(msg, "the lock of interpreter 0, held by thread \"holder\" of interpreter 0") {
			t.Fatalf("scheduler: %s; want a deadlock naming the lock of interpreter 0 held by holder", msg)
		}
	})
}

// TestG1PerInterpreter: a promotion (an unported call) in interpreter A
// stops A's threads and those of C, which shares A's lock -- and nobody
// else: B, with a lock of its own, attaches and passes safe points all
// through it.
func TestG1PerInterpreter(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		t.Run(policy.String(), func(t *testing.T) {
			a := newProcess(t, core.Config{Policy: policy})
			b, err := a.NewInterpreter(core.InterpreterConfig{Policy: policy})
			must(t, "NewInterpreter b", err)
			c, err := a.NewInterpreter(core.InterpreterConfig{ShareLockWith: a})
			must(t, "NewInterpreter c", err)
			ta := a.NewThread("a-unported")
			must(t, "Attach a", ta.Attach())
			must(t, "PromoteFor", ta.EML().PromoteFor("legacy"))
			if !ta.EML().RunsAlone() {
				t.Fatal("the promoted thread does not run alone")
			}

			// C's thread must wait for the promotion to end.
			tc := c.NewThread("c-waits")
			cAttached := make(chan error, 1)
			go func() { cAttached <- tc.Attach() }()
			for tc.EML().Waiting() == "" {
				select {
				case err := <-cAttached:
					t.Fatalf("C attached (%v) while A's promoted thread held the lock C shares", err)
				default:
				}
				runtime.Gosched()
			}

			// B's thread runs meanwhile: it attaches and polls.
			tb := b.NewThread("b-runs")
			must(t, "Attach b", tb.Attach())
			for range 1000 {
				must(t, "SafePoint b", tb.SafePoint())
			}
			must(t, "Detach b", tb.Detach())
			must(t, "Close b", tb.Close())
			select {
			case err := <-cAttached:
				t.Fatalf("C attached (%v) during A's promotion", err)
			default:
			}
			if w := tc.EML().Waiting(); w == "" {
				t.Fatal("C stopped waiting during A's promotion")
			}

			must(t, "Demote", ta.EML().Demote())
			must(t, "Detach a", ta.Detach())
			must(t, "C's Attach after the promotion", <-cAttached)
			must(t, "Detach c", tc.Detach())
			must(t, "Close c", tc.Close())
			must(t, "Close a thread", ta.Close())
			must(t, "Close", a.Close())
		})
	}
}

// TestIsolationCheckerSeesImmortals: the checker also sees counts of
// immortal objects (another interpreter's None, its small ints), which
// the refcount fast paths would otherwise skip without a word.
func TestIsolationCheckerSeesImmortals(t *testing.T) {
	rt := newProcess(t, core.Config{})
	child, err := rt.NewInterpreter(core.InterpreterConfig{})
	must(t, "NewInterpreter", err)
	other := child.NewThread("thief")
	must(t, "Attach thief", other.Attach())
	other.Incref(rt.None)
	other.Decref(rt.None)
	must(t, "Detach thief", other.Detach())
	must(t, "Close thief", other.Close())
	v := rt.IsolationViolations()
	want := `thread "thief" of interpreter 1 took a reference to a NoneType object of interpreter 0`
	if len(v) == 0 || v[0] != want {
		t.Fatalf("violations %q; want first %q", v, want)
	}
	if err := child.Close(); !errors.Is(err, core.ErrIsolation) {
		t.Fatalf("child Close: %v; want ErrIsolation", err)
	}
	_ = rt.Close()
}

// TestQueuesFreed: a queue is freed when nothing refers to it any more --
// no object in any interpreter, no copy on its way, no item of another
// queue -- as CPython refcounts queues across interpreters; and not
// before. testdata/interp/queues_freed.py says, step by step, which
// queues must be alive.
func TestQueuesFreed(t *testing.T) {
	src, err := os.ReadFile("testdata/interp/queues_freed.py")
	must(t, "ReadFile", err)
	rt := newProcess(t, core.Config{})
	var step strings.Builder
	n, lineNo := 0, 0
	for line := range strings.Lines(string(src)) {
		lineNo++
		want, ok := strings.CutPrefix(line, "#== live:")
		if !ok {
			step.WriteString(line)
			continue
		}
		n++
		// Blank lines keep the step's line numbers the file's.
		code, err := compile.Compile("queues_freed.py", []byte(step.String()))
		must(t, "Compile", err)
		step.Reset()
		step.WriteString(strings.Repeat("\n", lineNo))
		res, err := rt.Exec(code)
		must(t, "Exec", err)
		if res.Failed() {
			t.Fatalf("step %d raised:\n%s", n, res.Exception)
		}
		var live []string
		for _, q := range rt.Queues() {
			live = append(live, strconv.FormatInt(q.ID(), 10))
		}
		if got, want := strings.Join(live, " "), strings.TrimSpace(want); got != want {
			t.Errorf("after step %d (%s) the live queues are [%s]; want [%s]", n, strings.TrimSpace(line), got, want)
		}
	}
	if n != 10 {
		t.Fatalf("%d steps; want the file's 10", n)
	}
	must(t, "Close", rt.Close())
}

// TestMutexAcrossInterpreters: an eml.Mutex that Go code shares between
// interpreters with locks of their own (eml under the main one, gil in
// the child) works both ways: a waiter of one, parked, is woken by the
// other's Unlock -- the children park with the main interpreter's lock
// (eml.Config.ParkWith). Without the shared lot the waiter is never woken.
func TestMutexAcrossInterpreters(t *testing.T) {
	rt := newProcess(t, core.Config{Policy: eml.PolicyEML})
	child, err := rt.NewInterpreter(core.InterpreterConfig{Policy: eml.PolicyGIL})
	must(t, "NewInterpreter", err)
	a, b := rt.NewThread("a"), child.NewThread("b")
	var m eml.Mutex
	for round, pair := range [][2]*core.Thread{{a, b}, {b, a}, {a, b}} {
		holder, waiter := pair[0], pair[1]
		must(t, "Attach holder", holder.Attach())
		must(t, "Lock", m.Lock(holder.EML()))
		locked := make(chan error, 1)
		go func() {
			err := waiter.Attach()
			if err == nil {
				err = m.Lock(waiter.EML())
			}
			locked <- err
		}()
		for waiter.EML().Waiting() == "" {
			select {
			case err := <-locked:
				t.Fatalf("round %d: %s took the held mutex (%v)", round, waiter.Name(), err)
			default:
			}
			runtime.Gosched()
		}
		m.Unlock(holder.EML())
		must(t, "Detach holder", holder.Detach())
		select {
		case err := <-locked:
			must(t, "the waiter's Lock", err)
		case <-time.After(time.Minute):
			t.Fatalf("round %d: %s of interpreter %d was never woken by the Unlock of %s", round, waiter.Name(), waiter.Runtime().InterpreterID(), holder.Name())
		}
		m.Unlock(waiter.EML())
		must(t, "Detach waiter", waiter.Detach())
	}
	must(t, "Close a", a.Close())
	must(t, "Close b", b.Close())
	must(t, "Close", rt.Close())

	// Locks with different Schedulers cannot share a lot: a clear error.
	s := schedule.New(schedule.Random(1), schedule.Options{})
	if _, err := eml.New(eml.Config{Scheduler: s, ParkWith: rt.Lock()}); err == nil || !strings.Contains(err.Error(), "another Scheduler") {
		t.Fatalf("eml.New with ParkWith of a lock with another Scheduler: %v; want an error saying so", err)
	}
}
