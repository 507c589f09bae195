package extensions_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
)

// TestReentrant is story 7: an unported call calls back into Python that
// calls unported modules again. Under hold the inner promotion nests
// (depth 2); under drop the callback runs demoted and the inner call
// promotes afresh (depth 1). Either way the counter stays exact where
// the policy protects it, nothing deadlocks while other threads do the
// same, and the lock balances.
func TestReentrant(t *testing.T) {
	const threads, per = 3, 100
	for _, p := range policies() {
		for _, mode := range []core.CallbackMode{core.CallbacksDrop, core.CallbacksHold} {
			t.Run(fmt.Sprintf("%v/%v", p, mode), func(t *testing.T) {
				// A short switch interval lets the bystander in under gil.
				w := newWorld(t, core.Config{Policy: p, Callbacks: mode, SwitchInterval: 100 * time.Microsecond})
				wantDepth := int64(1)
				if mode == core.CallbacksHold {
					wantDepth = 2
				}
				w.callOK(w.main, "legacy_counter.reset")
				var wrong atomic.Int64
				w.parallel(threads, func(id int, th *core.Thread) error {
					fn := w.global(th, "depth_and_bump")
					defer th.Decref(fn)
					for range per {
						if err := th.SafePoint(); err != nil {
							return err
						}
						r, err := w.call(th, "reentrant.call", fn)
						if err != nil {
							return err
						}
						if d, _ := r.(*core.Int).Int64(); d != wantDepth {
							wrong.Add(1)
						}
						th.Decref(r)
					}
					return nil
				})
				if wrong.Load() != 0 {
					t.Errorf("%d callbacks saw a promotion depth other than %d", wrong.Load(), wantDepth)
				}
				s := w.rt.Lock().Stats()
				if s.MaxDepth != int(wantDepth) {
					t.Errorf("MaxDepth = %d; want %d", s.MaxDepth, wantDepth)
				}
				if got := w.callInt(w.main, "legacy_counter.value"); protects(p) && got != threads*per {
					t.Errorf("legacy_counter = %d after nested calls; want %d", got, threads*per)
				}
				if s.PromotionsBy["reentrant"] < threads*per || s.PromotionsBy["legacy_counter"] < threads*per {
					t.Errorf("PromotionsBy = %v; want each module's calls counted against it", s.PromotionsBy)
				}
				w.balanced()
			})
		}
	}
}

// faultyCases are the places extension code can fail: a panic in the
// body, after a callback, inside AllowThreads, inside a critical section,
// on a foreign goroutine, and a Go error that is not an exception.
var faultyCases = []struct {
	fn       string
	arg      string // "", "int", "list" or "work"
	typ, msg string // "": the call succeeds (the failure is elsewhere)
}{
	{"update", "int", "RuntimeError", "faulty.update failed: simulated crash half-way through the update"},
	{"after_callback", "work", "RuntimeError", "faulty.after_callback failed: simulated crash after a callback"},
	{"in_blocking", "", "RuntimeError", "faulty.in_blocking failed: simulated crash inside AllowThreads"},
	{"in_section", "list", "RuntimeError", "faulty.in_section failed: simulated crash inside a critical section"},
	{"in_foreign", "", "", ""}, // the goroutine's exception is printed, not raised
	{"go_error", "", "SystemError", "faulty.go_error returned a Go error: a Go error escaped the extension"},
}

// TestFaulty is story 8: each of faultyCases, over and over, while a
// bystander thread promotes and uses the same list throughout. Each call
// gives the caller the exception it should; the caller is attached at
// depth 0 after; the bystander keeps running (nothing stays held); and at
// the end the lock is at rest, the torn state is torn, and stderr holds
// the foreign goroutine's traceback.
func TestFaulty(t *testing.T) {
	const rounds = 10
	for _, p := range policies() {
		for _, mode := range []core.CallbackMode{core.CallbacksDrop, core.CallbacksHold} {
			t.Run(fmt.Sprintf("%v/%v", p, mode), func(t *testing.T) {
				// A short switch interval lets the bystander in under gil.
				w := newWorld(t, core.Config{Policy: p, Callbacks: mode, SwitchInterval: 100 * time.Microsecond})
				th := w.main
				list := th.NewList(nil)
				defer th.Decref(list)
				var done atomic.Bool
				var bystander, during, ran atomic.Int64
				w.parallel(2, func(id int, th *core.Thread) error {
					if id == 1 {
						for !done.Load() {
							if err := th.SafePoint(); err != nil {
								return err
							}
							r, err := w.call(th, "legacy_counter.increment")
							if err != nil {
								return err
							}
							th.Decref(r)
							th.ListAppend(list, th.Runtime().None)
							bystander.Add(1)
						}
						return nil
					}
					defer done.Store(true)
					before := bystander.Load()
					// At least rounds, and on (for up to breakBudget) until
					// the bystander has run: on a loaded machine the caller
					// can finish before the bystander's goroutine starts.
					r, start := 0, time.Now()
					for ; r < rounds || (bystander.Load() == before && time.Since(start) < breakBudget); r++ {
						for _, tc := range faultyCases {
							if err := th.SafePoint(); err != nil {
								return err
							}
							if err := faultyCall(w, th, list, tc.fn, tc.arg, tc.typ, tc.msg); err != nil {
								return err
							}
						}
					}
					during.Store(bystander.Load() - before)
					ran.Store(int64(r))
					return nil
				})
				if during.Load() == 0 {
					t.Errorf("the bystander never ran during the faulty calls")
				}
				// What the panic tore stays torn, and repair mends it.
				st := w.global(th, "faulty.state")
				defer th.Decref(st)
				for _, want := range []string{"(7, 0)", "(7, 7)"} {
					r, err := th.Call(st, nil, nil)
					w.check(err)
					got, _ := th.Repr(r)
					th.Decref(r)
					if got != want {
						t.Errorf("faulty.state() = %s; want %s", got, want)
					}
					w.callOK(th, "faulty.repair")
				}
				if n := strings.Count(w.stderr.String(), "faulty.<foreign> failed: simulated crash on a foreign goroutine"); int64(n) != ran.Load() {
					t.Errorf("the foreign goroutine's panic was printed %d times; want %d; stderr: %q", n, ran.Load(), w.stderr.String())
				}
				w.balanced()
			})
		}
	}
}

// faultyCall calls faulty.fn and checks the outcome and the thread after.
func faultyCall(w *world, th *core.Thread, list *core.List, fn, arg, typ, msg string) error {
	var args []core.Object
	switch arg {
	case "int":
		args = append(args, th.NewInt(7))
	case "list":
		th.Incref(list)
		args = append(args, list)
	case "work":
		args = append(args, w.global(th, "work"))
	}
	r, err := w.call(th, "faulty."+fn, args...)
	for _, a := range args {
		th.Decref(a)
	}
	if typ == "" {
		if err != nil {
			return err
		}
		th.Decref(r)
	} else if gotTyp, gotMsg := excOf(th, err); gotTyp != typ || gotMsg != msg {
		return fmt.Errorf("faulty.%s: got %s: %q; want %s: %q", fn, gotTyp, gotMsg, typ, msg)
	}
	if d := th.EML().Depth(); d != 0 || !th.EML().Attached() {
		return fmt.Errorf("after faulty.%s: depth %d, attached %v; want 0, true", fn, d, th.EML().Attached())
	}
	th.ListAppend(list, th.Runtime().None) // the thread's own core work goes on
	return nil
}
