package core

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// TestSleepWaits: thread.sleep really waits, and waits detached -- another
// thread promotes (stops the world) while it sleeps.
func TestSleepWaits(t *testing.T) {
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: p})
			const d = 20 * time.Millisecond
			promoted := make(chan time.Duration, 1)
			mustOK(th.Detach()) // the main thread must not hold up the stop
			defer func() { mustOK(th.Attach()) }()
			runThreads(t, rt, 2, func(i int, th *Thread) {
				if i == 0 {
					start := time.Now()
					mustOK(th.Sleep(d.Seconds()))
					if took := time.Since(start); took < d {
						panic(fmt.Sprintf("Sleep(%v) returned after %v", d, took))
					}
					return
				}
				start := time.Now()
				mustOK(th.eml.Promote())
				mustOK(th.eml.Demote())
				promoted <- time.Since(start)
			})
			<-promoted
		})
	}
}

// TestCallExtensionPanic: a panic anywhere inside extension code becomes a
// RuntimeError naming module and function, and the thread is left as it
// was at the boundary: attached, at its old depth, with its old critical
// sections, and the lock balanced.
func TestCallExtensionPanic(t *testing.T) {
	places := []struct {
		name string
		body func(th *Thread, obj Object)
	}{
		{"body", func(th *Thread, obj Object) { panic("boom") }},
		{"nested promotion", func(th *Thread, obj Object) {
			mustOK(th.eml.Promote())
			panic("boom")
		}},
		{"critical section", func(th *Thread, obj Object) {
			_ = th.CriticalSection(obj, func() error { panic("boom") })
		}},
		{"unreleased section", func(th *Thread, obj Object) {
			th.beginCS(obj) // a buggy extension that never ends it
			panic("boom")
		}},
		{"allow threads", func(th *Thread, obj Object) {
			_ = th.AllowThreads(func() { panic("boom") })
		}},
		{"inner extension", func(th *Thread, obj Object) {
			_, err := th.CallExtension("inner", "g", false, func() (Object, error) { panic("boom") })
			th.Discard(err)
			panic("boom")
		}},
	}
	for _, p := range eml.Policies() {
		for _, pl := range places {
			for _, ported := range []bool{false, true} {
				t.Run(fmt.Sprintf("%v/%s/ported=%v", p, pl.name, ported), func(t *testing.T) {
					rt, th := testRuntime(t, Config{Policy: p})
					obj := th.NewList(nil)
					defer th.Decref(obj)
					before := rt.lock.Stats()
					_, err := th.CallExtension("mod", "f", ported, func() (Object, error) {
						pl.body(th, obj)
						return nil, nil
					})
					var e *Exception
					if !asExc(err, &e) || e.TypeName() != "RuntimeError" || !strings.Contains(e.Message(), "mod.f failed: boom") {
						t.Fatalf("got %v; want RuntimeError: mod.f failed: boom", err)
					}
					th.Discard(err)
					if !th.eml.Attached() || th.eml.Depth() != 0 || len(th.cs) != 0 || th.ExtensionModule() != "" {
						t.Errorf("after the panic: attached=%v depth=%d sections=%d module=%q; want attached, 0, 0, \"\"",
							th.eml.Attached(), th.eml.Depth(), len(th.cs), th.ExtensionModule())
					}
					after := rt.lock.Stats()
					if after.CurrentDepth != 0 || after.Promotions-before.Promotions != after.Demotions-before.Demotions {
						t.Errorf("lock not balanced: %+v", after)
					}
					// The object's lock is free: another thread can use it.
					mustOK(th.Detach())
					runThreads(t, rt, 1, func(_ int, other *Thread) { other.ListAppend(obj, rt.None) })
					mustOK(th.Attach())
				})
			}
		}
	}
}

func asExc(err error, e **Exception) bool {
	x, ok := err.(*Exception)
	*e = x
	return ok
}

// TestEnsure: Ensure attaches a foreign goroutine's thread, exclusive for
// an unported module and shared for a ported one; nested Ensure only
// counts; the last Release closes the thread; misuse is an error.
func TestEnsure(t *testing.T) {
	for _, p := range eml.Policies() {
		for _, ported := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/ported=%v", p, ported), func(t *testing.T) {
				rt, th := testRuntime(t, Config{Policy: p})
				m := th.NewExtensionModule("ext", ported)
				defer th.Decref(m)
				wantDepth := 1
				if ported {
					wantDepth = 0
				}
				mustOK(th.Detach())
				done := make(chan error)
				go func() {
					done <- func() error {
						ft := rt.Ensure(m)
						if err := ft.Err(); err != nil {
							return err
						}
						if d := ft.eml.Depth(); d != wantDepth {
							return fmt.Errorf("depth %d after Ensure; want %d", d, wantDepth)
						}
						ft.Ensure()
						if err := ft.Release(); err != nil {
							return err
						}
						if !ft.eml.Attached() || ft.eml.Depth() != wantDepth {
							return fmt.Errorf("a nested Release changed the thread: attached=%v depth=%d", ft.eml.Attached(), ft.eml.Depth())
						}
						if err := ft.Release(); err != nil {
							return err
						}
						if ft.Err() == nil {
							return fmt.Errorf("the last Release left the thread open")
						}
						if err := ft.Release(); err == nil {
							return fmt.Errorf("a Release too many gave no error")
						}
						return nil
					}()
				}()
				if err := <-done; err != nil {
					t.Fatal(err)
				}
				mustOK(th.Attach())
				if s := rt.lock.Stats(); s.PromotionsBy["ext"] != uint64(wantDepth) {
					t.Errorf("PromotionsBy[ext] = %d; want %d", s.PromotionsBy["ext"], wantDepth)
				}
			})
		}
	}
	t.Run("closed runtime", func(t *testing.T) {
		rt, err := NewRuntime(Config{})
		mustOK(err)
		mustOK(rt.Close())
		ft := rt.Ensure(nil)
		if ft.Err() == nil || ft.Release() == nil {
			t.Fatalf("Ensure on a closed runtime gave a usable thread")
		}
	})
}
