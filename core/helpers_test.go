package core

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// testRuntime makes a runtime for cfg (TrackObjects on) and an attached
// thread on it. At cleanup the thread is closed and the runtime must close
// with no leaks and no refcount reports.
func testRuntime(t testing.TB, cfg Config) (*Runtime, *Thread) {
	t.Helper()
	cfg.TrackObjects = true
	rt, err := NewRuntime(cfg)
	if err != nil {
		t.Fatalf("NewRuntime(%+v): %v", cfg, err)
	}
	th := rt.NewThread("main")
	if err := th.Attach(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if th.eml.Attached() {
			if err := th.Detach(); err != nil {
				t.Errorf("Detach: %v", err)
			}
		}
		if err := th.Close(); err != nil {
			t.Errorf("Close thread: %v", err)
		}
		if err := rt.Close(); err != nil {
			t.Errorf("runtime Close: %v", err)
		}
	})
	return rt, th
}

// must returns v, or panics naming the unexpected error (rapid reports
// the panic as the property's failure; the test fails either way).
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("unexpected error: %v", err))
	}
	return v
}

// mustOK panics on an unexpected error.
func mustOK(err error) {
	if err != nil {
		panic(fmt.Sprintf("unexpected error: %v", err))
	}
}

// excName returns the Python type name of err ("" if nil) and drops the
// exception.
func excName(th *Thread, err error) string {
	if err == nil {
		return ""
	}
	var e *Exception
	if !errors.As(err, &e) {
		return "Go error: " + err.Error()
	}
	name := e.TypeName()
	th.Discard(err)
	return name
}

// reprOf returns repr(o) and drops o.
func reprOf(t testing.TB, th *Thread, o Object) string {
	t.Helper()
	s := must(th.Repr(o))
	th.Decref(o)
	return s
}

// mainGlobals returns the named globals of __main__, each a reference
// that the test's cleanup drops (th must be attached by then); it fails
// the test if one is not defined.
func mainGlobals(t testing.TB, th *Thread, names ...string) []Object {
	t.Helper()
	mod := must(th.mainModule())
	defer th.Decref(mod)
	vals := make([]Object, len(names))
	for i, name := range names {
		if vals[i] = th.dictGetStr(mod.dict, name); vals[i] == nil {
			t.Fatalf("__main__ defines no %s", name)
		}
	}
	t.Cleanup(func() { th.decrefAll(vals) })
	return vals
}

// policyRefcounts lists every policy with each refcount strategy valid
// for it.
func policyRefcounts() []Config {
	var out []Config
	for _, p := range eml.Policies() {
		for _, k := range refcount.Kinds() {
			if k == refcount.Plain && p != eml.PolicyGIL {
				continue
			}
			out = append(out, Config{Policy: p, Refcount: k})
		}
	}
	return out
}

func cfgName(c Config) string { return fmt.Sprintf("%v/%v", c.Policy, c.Refcount) }

// runThreads runs fn on n threads of rt, each attached, and started
// together: every thread spins (polling, so a stop-the-world can proceed)
// until all are attached and running. It fails the test (naming every
// thread's lock state) if they have not finished within a generous limit:
// a deadlock, not a slow machine.
func runThreads(t testing.TB, rt *Runtime, n int, fn func(i int, th *Thread)) {
	t.Helper()
	var wg sync.WaitGroup
	var start sync.WaitGroup
	var ready atomic.Int64
	start.Add(1)
	threads := make([]*Thread, n)
	for i := range threads {
		threads[i] = rt.NewThread(fmt.Sprintf("t%d", i))
	}
	for i, th := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start.Wait()
			if err := th.Attach(); err != nil {
				panic(err)
			}
			// Spin without yielding: runtime.Gosched would leave the
			// spinner in the global run queue while an idle processor
			// sleeps, and the threads would start one after another.
			ready.Add(1)
			for ready.Load() < int64(n) {
				mustOK(th.SafePoint())
			}
			fn(i, th)
			if err := th.Detach(); err != nil {
				panic(err)
			}
			if err := th.Close(); err != nil {
				panic(err)
			}
		}()
	}
	start.Done()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(90 * time.Second):
		var b strings.Builder
		for _, i := range rt.lock.Threads() {
			fmt.Fprintf(&b, "\n  %v", i)
		}
		panic(fmt.Sprintf("threads did not finish in 90s (deadlock?):%s", b.String()))
	}
}
