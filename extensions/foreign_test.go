package extensions_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// TestTimer is story 6: a timer's goroutine, a thread the runtime did not
// start, enters with Ensure for each callback while core threads run; every
// callback runs, the core threads progress meanwhile, and each entry of an
// unported module's goroutine is a promotion counted against it.
func TestTimer(t *testing.T) {
	const count = 20
	for _, p := range policies() {
		t.Run(p.String(), func(t *testing.T) {
			w := newWorld(t, core.Config{Policy: p})
			var ticks atomic.Int64
			var done atomic.Bool
			w.parallel(2, func(id int, th *core.Thread) error {
				if id == 1 {
					return countSteps(th, &done, &ticks)
				}
				defer done.Store(true)
				tick := w.global(th, "tick")
				defer th.Decref(tick)
				n, interval := th.NewInt(count), th.NewFloat(0.0005)
				defer th.Decref(n)
				defer th.Decref(interval)
				h, err := w.call(th, "timer.start", tick, n, interval)
				if err != nil {
					return err
				}
				defer th.Decref(h)
				before := ticks.Load()
				r, err := w.call(th, "timer.wait", h)
				if err != nil {
					return err
				}
				defer th.Decref(r)
				if v, _ := r.(*core.Int).Int64(); v != count {
					return fmt.Errorf("timer.wait returned %d; want %d", v, count)
				}
				if ticks.Load() == before {
					return fmt.Errorf("the core thread made no progress while the timer ran")
				}
				return nil
			})
			if got := w.globalInt(w.main, "ticks"); got != count {
				t.Errorf("the callbacks counted %d ticks; want %d", got, count)
			}
			if by := w.rt.Lock().Stats().PromotionsBy["timer"]; by < count {
				t.Errorf("PromotionsBy[timer] = %d; want at least one per callback (%d)", by, count)
			}
			w.balanced()
		})
	}
}

// TestTimerErrors: an exception in a timer callback is printed and stops
// the timer; a timer of no callbacks finishes at once; a bad handle is a
// TypeError.
func TestTimerErrors(t *testing.T) {
	for _, p := range policies() {
		t.Run(p.String(), func(t *testing.T) {
			w := newWorld(t, core.Config{Policy: p})
			th := w.main
			fail := w.global(th, "fail")
			defer th.Decref(fail)
			for _, tc := range []struct {
				count, want int64
				fn          core.Object
			}{{5, 0, fail}, {0, 0, fail}} {
				n := th.NewInt(tc.count)
				h, err := w.call(th, "timer.start", tc.fn, n)
				th.Decref(n)
				w.check(err)
				got := w.callInt(th, "timer.wait", h) // waits detached: the goroutine gets in
				th.Decref(h)
				if got != tc.want {
					t.Errorf("timer of %d failing callbacks: wait returned %d; want %d", tc.count, got, tc.want)
				}
			}
			if out := w.stderr.String(); strings.Count(out, "ValueError: callback failed") != 1 || !strings.Contains(out, "Exception in thread timer-foreign") {
				t.Errorf("stderr should hold the one failed callback's traceback; got %q", out)
			}
			_, err := w.call(th, "timer.wait", th.Runtime().None)
			if typ, msg := excOf(th, err); typ != "TypeError" || !strings.Contains(msg, "timer handle") {
				t.Errorf("timer.wait(None): got %s: %s; want a TypeError naming the handle", typ, msg)
			}
			w.balanced()
		})
	}
}

// TestEnsureForeign: goroutines the runtime did not start enter it with
// Ensure while core threads run. An unported module's goroutine runs
// exclusive: under eml and gil no core thread is ever between safe points
// while one is inside -- checked by a flag the core threads read -- and a
// plain Go counter the goroutines share needs no other lock (the race
// detector would say otherwise). A ported module's goroutine runs shared.
// Nested Ensure only counts. Under free nothing is exclusive, by design.
func TestEnsureForeign(t *testing.T) {
	const goroutines, rounds = 3, 100
	for _, p := range policies() {
		for _, mod := range []string{"legacy_counter", "ported_counter"} {
			t.Run(fmt.Sprintf("%v/%s", p, mod), func(t *testing.T) {
				w := newWorld(t, core.Config{Policy: p})
				modObj, err := w.main.Import(mod) // under sticky, the import turns the GIL on
				w.check(err)
				defer w.main.Decref(modObj)
				m := modObj.(*core.Module)
				exclusive := !m.Ported() && p != eml.PolicyFree
				var inside, violations, steps atomic.Int64
				plain := 0 // shared by the goroutines only where they are exclusive
				var left atomic.Int64
				left.Store(goroutines)
				want := 0 // the depth inside Ensure
				if !m.Ported() {
					want = 1
				}
				foreign := func() {
					defer left.Add(-1)
					for range rounds {
						ft := w.rt.Ensure(m)
						if err := ft.Err(); err != nil {
							t.Errorf("Ensure: %v", err)
							return
						}
						ft.Ensure() // nested: only counts
						if d := ft.EML().Depth(); d != want {
							t.Errorf("depth %d inside Ensure; want %d", d, want)
						}
						if exclusive {
							inside.Add(1)
							plain++
							ft.Yield()
							inside.Add(-1)
						}
						if err := ft.Release(); err != nil {
							t.Errorf("nested Release: %v", err)
						}
						if err := ft.Release(); err != nil {
							t.Errorf("Release: %v", err)
						}
					}
				}
				w.parallel(2, func(id int, th *core.Thread) error {
					if id == 0 { // once both core threads run
						for range goroutines {
							if err := w.rt.Go(foreign); err != nil {
								return err
							}
						}
					}
					for left.Load() > 0 {
						if err := th.SafePoint(); err != nil {
							return err
						}
						if inside.Load() != 0 {
							violations.Add(1)
						}
						steps.Add(1)
					}
					return nil
				})
				w.detached(w.rt.WaitThreads)
				if violations.Load() != 0 {
					t.Errorf("core threads ran %d steps while an unported module's foreign goroutine was inside", violations.Load())
				}
				if exclusive && plain != goroutines*rounds {
					t.Errorf("plain counter = %d; want %d", plain, goroutines*rounds)
				}
				if steps.Load() == 0 {
					t.Errorf("the core threads never ran beside the foreign goroutines")
				}
				w.balanced()
			})
		}
	}
}
