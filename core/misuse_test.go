package core

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// misuseFile assembles testdata/misuse/name.
func misuseFile(t *testing.T, name string) *bytecode.Code {
	t.Helper()
	return execFileIn(t, "misuse", name)
}

// Go API misuse (issue 12, items 6-9 and 11): each mistake gets an error
// or a Python exception, never a panic or a corrupted runtime.

// TestThreadInUse: while one goroutine is inside Run on a Thread, every
// entry point called on that Thread from another goroutine is refused with
// ErrThreadInUse, and the run, the thread and the runtime end clean.
func TestThreadInUse(t *testing.T) {
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, err := NewRuntime(Config{Policy: p, TrackObjects: true, Stdout: &bytes.Buffer{}})
			if err != nil {
				t.Fatal(err)
			}
			entered, release := make(chan struct{}), make(chan struct{})
			mustOK(rt.AddModuleLoader("gate", func(th *Thread, name string) (*Module, error) {
				m := th.NewModule(name)
				b := th.NewBuiltin("wait", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
					close(entered)
					<-release
					return th.rt.None, nil
				})
				defer th.Decref(b)
				return m, th.DictSetStr(m.dict, "wait", b)
			}))
			th := rt.NewThread("shared")
			code := misuseFile(t, "gate.rwa")
			done := make(chan error, 1)
			go func() {
				r, err := th.Run(code)
				if err == nil {
					err = th.Attach()
					th.XDecref(r)
					err = errors.Join(err, th.Detach())
				}
				done <- err
			}()
			<-entered
			again, _ := th.Run(code)
			entries := map[string]error{
				"Run":     func() error { _, err := th.Run(code); return err }(),
				"Attach":  th.Attach(),
				"Detach":  th.Detach(),
				"Close":   th.Close(),
				"Release": th.Release(),
			}
			if again != nil {
				t.Errorf("the second Run returned a result %v", again)
			}
			for name, err := range entries {
				if !errors.Is(err, ErrThreadInUse) {
					t.Errorf("%s from a second goroutine during Run: %v; want ErrThreadInUse", name, err)
				}
			}
			close(release)
			if err := <-done; err != nil {
				t.Fatalf("the first Run: %v", err)
			}
			if err := th.Close(); err != nil {
				t.Fatalf("Close after the run: %v", err)
			}
			for name, n := range rt.Stats().Live {
				if n < 0 {
					t.Errorf("live count of %s is %d", name, n)
				}
			}
			if err := rt.Close(); err != nil {
				t.Errorf("runtime Close: %v", err)
			}
		})
	}
}

// TestThreadInUseRace: two goroutines attach and detach one Thread as
// fast as they can. Each call either works or is refused (in use, or
// already attached/detached); the test goes on until it has seen a
// refusal for being in use, so the calls did overlap, and the thread and
// runtime then close clean.
func TestThreadInUseRace(t *testing.T) {
	rt, err := NewRuntime(Config{Policy: eml.PolicyFree, TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("shared")
	var mu sync.Mutex
	seen := map[string]int{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, err := range []error{th.Attach(), th.Detach()} {
					kind := "ok"
					switch {
					case err == nil:
					case errors.Is(err, ErrThreadInUse):
						kind = "in use"
					case errors.Is(err, eml.ErrAttached), errors.Is(err, eml.ErrDetached):
						kind = "attached/detached"
					default:
						kind = "unexpected: " + err.Error()
					}
					mu.Lock()
					seen[kind]++
					mu.Unlock()
				}
			}
		}()
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := seen["in use"]
		mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	t.Logf("outcomes: %v", seen)
	for kind := range seen {
		if strings.HasPrefix(kind, "unexpected") {
			t.Errorf("an entry point failed with %s", kind)
		}
	}
	if seen["in use"] == 0 {
		t.Fatalf("in 20s the two goroutines never overlapped on the thread: outcomes %v", seen)
	}
	if th.eml.Attached() {
		mustOK(th.Detach())
	}
	if err := th.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := rt.Close(); err != nil {
		t.Fatalf("runtime Close: %v", err)
	}
}

// TestGoPanics: a panic in a function given to Runtime.Go -- before
// Ensure, after an Ensure that promoted the thread for an unported
// module, inside a critical section, after a nested Ensure -- is printed
// as an exception in a thread, and the runtime goes on: a program runs,
// and the runtime closes with no open thread and no leak.
func TestGoPanics(t *testing.T) {
	cases := []struct {
		name string
		fn   func(rt *Runtime, legacy *Module, l *List)
	}{
		{"before Ensure", func(rt *Runtime, legacy *Module, l *List) { panic("boom") }},
		{"after Ensure of an unported module", func(rt *Runtime, legacy *Module, l *List) {
			th := rt.Ensure(legacy)
			if th.eml.Depth() != 1 {
				panic(fmt.Sprintf("not promoted: depth %d", th.eml.Depth()))
			}
			panic("boom")
		}},
		{"inside a critical section", func(rt *Runtime, legacy *Module, l *List) {
			th := rt.Ensure(nil)
			_ = th.CriticalSection(l, func() error { panic("boom") })
		}},
		{"after a nested Ensure", func(rt *Runtime, legacy *Module, l *List) {
			th := rt.Ensure(legacy)
			th.Ensure()
			mustOK(th.Release())
			panic(errors.New("boom"))
		}},
	}
	for _, p := range eml.Policies() {
		for _, c := range cases {
			t.Run(p.String()+"/"+c.name, func(t *testing.T) {
				var stderr bytes.Buffer
				rt, err := NewRuntime(Config{Policy: p, TrackObjects: true, Stdout: &bytes.Buffer{}, Stderr: &syncWriter{w: &stderr}})
				if err != nil {
					t.Fatal(err)
				}
				setup := rt.NewThread("setup")
				mustOK(setup.Attach())
				legacy := setup.NewExtensionModule("legacy", false)
				l := setup.NewList(nil)
				mustOK(setup.Detach())
				if err := rt.Go(func() { c.fn(rt, legacy, l) }); err != nil {
					t.Fatal(err)
				}
				rt.WaitThreads()
				want := "Exception in thread goroutine-1:\nRuntimeError: a function given to Runtime.Go panicked: boom\n"
				if got := stderr.String(); got != want {
					t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
				}
				if n := rt.ThreadErrors(); n != 1 {
					t.Errorf("ThreadErrors() = %d, want 1", n)
				}
				res, err := rt.Exec(misuseFile(t, "loop.rwa"))
				if err != nil || res.Failed() {
					t.Fatalf("a program after the panic: %v %+v", err, res)
				}
				mustOK(setup.Attach())
				setup.Decref(legacy)
				setup.Decref(l)
				mustOK(setup.Detach())
				mustOK(setup.Close())
				if err := rt.Close(); err != nil {
					t.Errorf("runtime Close: %v", err)
				}
			})
		}
	}
}

// syncWriter serializes writes from several goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// TestSentinelErrors: each misuse of a runtime's life cycle has an error
// errors.Is recognizes.
func TestSentinelErrors(t *testing.T) {
	rt, err := NewRuntime(Config{TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	open := rt.NewThread("still-open")
	if err := rt.Close(); !errors.Is(err, ErrOpenThreads) || !strings.Contains(err.Error(), "still-open") {
		t.Errorf("Close with an open thread: %v; want ErrOpenThreads naming it", err)
	}
	mustOK(open.Attach())
	if err := open.Release(); !errors.Is(err, ErrNotEnsured) {
		t.Errorf("Release without Ensure: %v; want ErrNotEnsured", err)
	}
	mustOK(open.Detach())
	ft := rt.Ensure(nil)
	mustOK(ft.Release())
	if err := ft.Release(); err == nil {
		t.Errorf("a second Release of an ensured thread: no error")
	}
	mustOK(open.Close())
	if err := rt.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := rt.Close(); !errors.Is(err, ErrRuntimeClosed) {
		t.Errorf("a second Close: %v; want ErrRuntimeClosed", err)
	}
	if err := rt.AddModuleLoader("late", func(*Thread, string) (*Module, error) { return nil, nil }); !errors.Is(err, ErrRuntimeClosed) {
		t.Errorf("AddModuleLoader after Close: %v; want ErrRuntimeClosed", err)
	}
	ran := false
	if err := rt.Go(func() { ran = true }); !errors.Is(err, ErrRuntimeClosed) {
		t.Errorf("Go after Close: %v; want ErrRuntimeClosed", err)
	}
	rt.WaitThreads()
	if ran {
		t.Errorf("Go after Close ran its function")
	}
	if th := rt.NewThread("late"); !errors.Is(th.Attach(), ErrRuntimeClosed) {
		t.Errorf("Attach of a thread made after Close: want ErrRuntimeClosed")
	}
}

// TestModuleLoaderMisuse: a nil loader is refused; a loader that returns
// nothing raises SystemError in CPython's words, one that panics raises
// RuntimeError; the runtime goes on importing.
func TestModuleLoaderMisuse(t *testing.T) {
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, err := NewRuntime(Config{Policy: p, TrackObjects: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := rt.AddModuleLoader("m", nil); err == nil {
				t.Errorf("AddModuleLoader(m, nil) was accepted")
			}
			mustOK(rt.AddModuleLoader("nothing", func(*Thread, string) (*Module, error) { return nil, nil }))
			mustOK(rt.AddModuleLoader("boom", func(th *Thread, name string) (*Module, error) {
				th.beginCS(th.NewList(nil)) // left held by the panic (and leaked: the list is the loader's)
				panic("loader exploded")
			}))
			mustOK(rt.AddModuleLoader("fine", func(th *Thread, name string) (*Module, error) { return th.NewModule(name), nil }))
			for _, c := range []struct{ file, want string }{
				{"import_nothing.rwa", "SystemError: initialization of nothing failed without raising an exception"},
				{"import_boom.rwa", "RuntimeError: the loader of module 'boom' panicked: loader exploded"},
				{"import_boom.rwa", "RuntimeError: the loader of module 'boom' panicked: loader exploded"},
				{"import_fine.rwa", ""},
			} {
				res, err := rt.Exec(misuseFile(t, c.file))
				if err != nil {
					t.Fatalf("%s: %v", c.file, err)
				}
				last := ""
				if res.Exception != "" {
					lines := strings.Split(strings.TrimSpace(res.Exception), "\n")
					last = lines[len(lines)-1]
				}
				if last != c.want {
					t.Errorf("%s: got %q, want %q", c.file, last, c.want)
				}
			}
			err = rt.Close()
			// The panicking loader's list is its own leak, twice; nothing else.
			if !errors.Is(err, ErrLeaks) || strings.Count(err.Error(), "list object at") != 2 || strings.Count(err.Error(), " at 0x") != 2 {
				t.Errorf("Close: %v; want the two lists the panicking loader leaked", err)
			}
		})
	}
}

// TestBuiltinReturnsNothing: a Go function made with NewBuiltin that
// returns (nil, nil) raises CPython's SystemError, with a traceback, and
// nothing dereferences the missing result.
func TestBuiltinReturnsNothing(t *testing.T) {
	rt, err := NewRuntime(Config{TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	mustOK(rt.AddModuleLoader("null", func(th *Thread, name string) (*Module, error) {
		m := th.NewModule(name)
		b := th.NewBuiltin("f", func(*Thread, []Object, map[string]Object) (Object, error) { return nil, nil })
		defer th.Decref(b)
		return m, th.DictSetStr(m.dict, "f", b)
	}))
	res, err := rt.Exec(misuseFile(t, "call_null.rwa"))
	if err != nil {
		t.Fatal(err)
	}
	want := "Traceback (most recent call last):\n  File \"call_null.rwa\", line 5, in <module>\nSystemError: <built-in function f> returned NULL without setting an exception\n"
	if res.Exception != want {
		t.Errorf("got\n%s\nwant\n%s", res.Exception, want)
	}
	if err := rt.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestCompileWithoutCompiler: exec, eval and compile in a runtime that was
// given no compiler raise RuntimeError saying so, and ExecCode on a thread
// that is not running Python refuses instead of running unattached; the
// runtime stays usable and closes clean.
func TestCompileWithoutCompiler(t *testing.T) {
	rt, err := NewRuntime(Config{TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		res, err := rt.Exec(misuseFile(t, "eval_no_compiler.rwa"))
		if err != nil {
			t.Fatal(err)
		}
		want := "RuntimeError: no compiler: this runtime runs bytecode only (core.Runtime.SetCompiler)"
		if lines := strings.Split(strings.TrimSpace(res.Exception), "\n"); lines[len(lines)-1] != want {
			t.Errorf("run %d: got %q, want last line %q", i, res.Exception, want)
		}
	}
	th := rt.NewThread("outside")
	if _, err := th.ExecCode(misuseFile(t, "import_fine.rwa"), nil, nil); err == nil || !strings.Contains(err.Error(), "not running Python") {
		t.Errorf("ExecCode on an idle thread: got %v, want an error saying it is not running Python", err)
	}
	if err := th.Close(); err != nil {
		t.Errorf("thread Close: %v", err)
	}
	if err := rt.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}
