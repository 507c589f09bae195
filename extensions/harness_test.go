package extensions_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
)

// The stories' harness: a runtime with the bundled modules, Python
// helper functions defined in __main__, and threads driven from Go. A
// Go-driven thread plays the eval loop: it calls th.SafePoint between
// steps, as the loop polls at calls and backward jumps, and calls module
// functions through th.Call, the same dispatch a CALL instruction takes.

// helpersRwa defines the Python functions the stories call back:
//
//	def spin(x):            # some work with safe points, then x
//	    for _ in range(200): pass
//	    return x
//	def tick(i):            # count a timer's callbacks
//	    global ticks; ticks = ticks + 1
//	def fail(i): raise ValueError("callback failed")
//	def work(): return spin(1)
//	def depth_and_bump():   # what reentrant's callback sees
//	    import legacy_counter, reentrant
//	    legacy_counter.increment()
//	    return reentrant.depth()
const helpersRwa = `module
    LOAD_CONST 0
    STORE_NAME ticks
    LOAD_CONST @spin
    MAKE_FUNCTION 0
    STORE_NAME spin
    LOAD_CONST @tick
    MAKE_FUNCTION 0
    STORE_NAME tick
    LOAD_CONST @fail
    MAKE_FUNCTION 0
    STORE_NAME fail
    LOAD_CONST @depth_and_bump
    MAKE_FUNCTION 0
    STORE_NAME depth_and_bump
    LOAD_CONST @work
    MAKE_FUNCTION 0
    STORE_NAME work
    RETURN_CONST None
end

func spin(x)
    LOAD_NAME range
    LOAD_CONST 200
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    POP_TOP
    JUMP_BACKWARD loop
done:
    LOAD_FAST x
    RETURN_VALUE
end

func tick(i)
    LOAD_GLOBAL ticks
    LOAD_CONST 1
    BINARY_OP +
    STORE_GLOBAL ticks
    RETURN_CONST None
end

func fail(i)
    LOAD_NAME ValueError
    LOAD_CONST "callback failed"
    CALL 1
    RAISE_VARARGS 1
end

func work()
    LOAD_GLOBAL spin
    LOAD_CONST 1
    CALL 1
    RETURN_VALUE
end

func depth_and_bump()
    IMPORT_NAME legacy_counter
    LOAD_METHOD increment
    CALL_METHOD 0
    POP_TOP
    IMPORT_NAME reentrant
    LOAD_METHOD depth
    CALL_METHOD 0
    RETURN_VALUE
end
`

// syncBuffer is a bytes.Buffer safe for the runtime's threads to share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// world is a runtime for one story: the bundled modules registered, the
// helpers defined, and a main thread (attached) to set things up with.
type world struct {
	t      *testing.T
	rt     *core.Runtime
	main   *core.Thread
	stderr *syncBuffer
}

// watchdogTimeout bounds every story: nothing may deadlock.
const watchdogTimeout = 2 * time.Minute

// newWorld makes a world for cfg. At cleanup every thread must be closed,
// and the runtime must close with no leak and no refcount report.
func newWorld(t *testing.T, cfg core.Config) *world {
	t.Helper()
	w := &world{t: t, stderr: &syncBuffer{}}
	cfg.Stdout, cfg.Stderr, cfg.TrackObjects = &syncBuffer{}, w.stderr, true
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		t.Fatalf("NewRuntime: %v", err)
	}
	if err := extensions.RegisterBundled(rt); err != nil {
		t.Fatalf("RegisterBundled: %v", err)
	}
	w.rt = rt
	w.main = rt.NewThread("main")
	code, err := bytecode.Assemble("helpers.rwa", []byte(helpersRwa))
	if err != nil {
		t.Fatalf("helpers do not assemble: %v", err)
	}
	if err := w.main.Attach(); err != nil {
		t.Fatal(err)
	}
	r, err := w.main.Run(code)
	w.check(err)
	w.main.XDecref(r)
	t.Cleanup(func() {
		if w.main.EML().Attached() {
			if err := w.main.Detach(); err != nil {
				t.Errorf("main Detach: %v", err)
			}
		}
		if err := w.main.Close(); err != nil {
			t.Errorf("main Close: %v", err)
		}
		rt.WaitThreads()
		if err := rt.Close(); err != nil {
			t.Errorf("runtime Close: %v", err)
		}
	})
	return w
}

// check fails the test on an unexpected error, printing a traceback.
func (w *world) check(err error) {
	w.t.Helper()
	if err == nil {
		return
	}
	var e *core.Exception
	if errors.As(err, &e) {
		w.t.Fatalf("unexpected exception:\n%s", e.FormatTraceback())
	}
	w.t.Fatalf("unexpected error: %v", err)
}

// global returns a new reference to __main__.name, or to module.name for
// "module.name".
func (w *world) global(th *core.Thread, name string) core.Object {
	w.t.Helper()
	modName, attr, ok := strings.Cut(name, ".")
	if !ok {
		modName, attr = "__main__", name
	}
	mod, err := th.Import(modName)
	w.check(err)
	defer th.Decref(mod)
	o, err := th.GetAttr(mod, attr)
	w.check(err)
	return o
}

// globalInt is the int value of the global name (see global).
func (w *world) globalInt(th *core.Thread, name string) int64 {
	w.t.Helper()
	o := w.global(th, name)
	defer th.Decref(o)
	i, ok := o.(*core.Int)
	if !ok {
		w.t.Fatalf("%s is a %s, want an int", name, o.Type().Name())
	}
	v, _ := i.Int64()
	return v
}

// call calls the function called name (see global) with borrowed args:
// the result (a new reference) and the error, for the caller to judge.
func (w *world) call(th *core.Thread, name string, args ...core.Object) (core.Object, error) {
	fn := w.global(th, name)
	defer th.Decref(fn)
	return th.Call(fn, args, nil)
}

// callInt calls name, which must succeed and return an int.
func (w *world) callInt(th *core.Thread, name string, args ...core.Object) int64 {
	w.t.Helper()
	r, err := w.call(th, name, args...)
	w.check(err)
	defer th.Decref(r)
	i, ok := r.(*core.Int)
	if !ok {
		w.t.Fatalf("%s returned %s, want an int", name, r.Type().Name())
	}
	v, _ := i.Int64()
	return v
}

// callOK calls name, which must succeed; the result is dropped.
func (w *world) callOK(th *core.Thread, name string, args ...core.Object) {
	w.t.Helper()
	r, err := w.call(th, name, args...)
	w.check(err)
	th.Decref(r)
}

// int returns a new reference to v, to pass as an argument.
func (w *world) int(th *core.Thread, v int64) core.Object { return th.NewInt(v) }

// parallel runs body on n new threads of the runtime at once, each
// attached for the body and closed after, and waits for them under the
// watchdog. The threads line up at a barrier after attaching, polling
// while they wait (so that a stop or a GIL switch can proceed), so that
// no body starts before every thread is in core. A body reports failures
// by returning an error -- never t.Fatal off the test goroutine.
func (w *world) parallel(n int, body func(i int, th *core.Thread) error) {
	w.t.Helper()
	var attached atomic.Int64
	errs := make(chan error, n)
	// The main thread must not block the workers while it waits.
	w.detached(func() {
		for i := range n {
			th := w.rt.NewThread(fmt.Sprintf("worker-%d", i))
			go func() {
				errs <- w.runThread(th, func() error {
					// Spin rather than yield: runtime.Gosched can leave a
					// waiter queued while an idle processor sleeps.
					for attached.Add(1); attached.Load() < int64(n); {
						if err := th.SafePoint(); err != nil {
							return err
						}
					}
					return body(i, th)
				})
			}()
		}
		w.await("threads", func() {
			for range n {
				if err := <-errs; err != nil {
					w.t.Error(err)
				}
			}
		})
	})
}

// runThread attaches th, runs body, and detaches and closes th.
func (w *world) runThread(th *core.Thread, body func() error) (err error) {
	if err := th.Attach(); err != nil {
		return err
	}
	defer func() {
		if derr := th.Detach(); derr != nil && err == nil {
			err = fmt.Errorf("%s: Detach: %w", th.Name(), derr)
		}
		if cerr := th.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("%s: Close: %w", th.Name(), cerr)
		}
	}()
	if err := body(); err != nil {
		var e *core.Exception
		if errors.As(err, &e) {
			return fmt.Errorf("%s: uncaught exception:\n%s", th.Name(), e.FormatTraceback())
		}
		return fmt.Errorf("%s: %w", th.Name(), err)
	}
	return nil
}

// detached runs fn with the main thread detached, so that it holds up no
// stop-the-world and no GIL while it waits.
func (w *world) detached(fn func()) {
	w.t.Helper()
	if err := w.main.Detach(); err != nil {
		w.t.Fatal(err)
	}
	defer func() {
		if err := w.main.Attach(); err != nil {
			w.t.Fatal(err)
		}
	}()
	fn()
}

// await runs fn under the watchdog: if it has not returned in time the
// test fails with every thread's state (what it is attached as, its
// promotion depth, what it waits for), and the process exits.
func (w *world) await(what string, fn func()) {
	w.t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(watchdogTimeout):
		var states []string
		for _, ti := range w.rt.Lock().Threads() {
			states = append(states, ti.String())
		}
		panic(fmt.Sprintf("watchdog: %s did not finish in %v (a deadlock?); threads:\n  %s", what, watchdogTimeout, strings.Join(states, "\n  ")))
	}
}

// balanced fails unless the lock is back at rest: no thread promoted, and
// every promotion matched by a demotion. It first waits for the
// goroutines the runtime counts (a timer's may still be releasing after
// the wait for it returned).
func (w *world) balanced() {
	w.t.Helper()
	w.detached(func() { w.await("the runtime's goroutines", w.rt.WaitThreads) })
	s := w.rt.Lock().Stats()
	if s.CurrentDepth != 0 || s.Promotions != s.Demotions {
		w.t.Errorf("lock not at rest: current depth %d, %d promotions vs %d demotions", s.CurrentDepth, s.Promotions, s.Demotions)
	}
}

// excOf returns the Python type name and message of err, and drops it.
func excOf(th *core.Thread, err error) (typ, msg string) {
	if err == nil {
		return "", ""
	}
	var e *core.Exception
	if !errors.As(err, &e) {
		return "Go error", err.Error()
	}
	typ, msg = e.TypeName(), e.Message()
	th.Discard(err)
	return typ, msg
}

// countSteps is the body of a core thread that only runs: it counts its
// safe points into steps until done is set -- the evidence that core code
// ran while something else was going on.
func countSteps(th *core.Thread, done *atomic.Bool, steps *atomic.Int64) error {
	for !done.Load() {
		if err := th.SafePoint(); err != nil {
			return err
		}
		steps.Add(1)
	}
	return nil
}

// switches counts how often consecutive steps of a set of threads came
// from different threads: the evidence that they really interleaved.
type switches struct {
	last  atomic.Int64
	count atomic.Int64
}

func (s *switches) step(id int) {
	if s.last.Swap(int64(id)+1) != int64(id)+1 {
		s.count.Add(1)
	}
}

// policies lists every policy with a name for subtests.
func policies() []eml.Policy { return eml.Policies() }
