package extensions_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// Each bundled module's story, under each policy it speaks about. Where a
// policy is meant to break the story (free, and drop for callbacks), the
// test repeats the run, for up to breakBudget, until the breakage is
// seen, and fails if it never is: a design meant to break must be seen
// breaking.
// Where a policy is meant to keep it, the test also shows the threads
// really interleaved, so that "nothing was lost" is not "nothing ran at
// once".

// breakBudget bounds the search for a breakage that timing decides: the
// search stops at the first breakage, which on a quiet machine is the
// first round, and on a loaded one may take many.
const breakBudget = 60 * time.Second

// protects reports whether policy p keeps an unported call atomic.
func protects(p eml.Policy) bool { return p != eml.PolicyFree }

// untilBroken runs round until it reports a breakage (a count > 0) or
// breakBudget has passed; it returns the breakages of the last round run.
func untilBroken(t *testing.T, what string, round func() int64) int64 {
	t.Helper()
	start := time.Now()
	i := 1
	for ; i == 1 || time.Since(start) < breakBudget; i++ {
		if n := round(); n > 0 {
			t.Logf("%s: %d seen in round %d", what, n, i)
			return n
		}
	}
	t.Errorf("%s: never seen in %d rounds over %v (the threads released together each round); the policy is meant to break here", what, i-1, time.Since(start).Round(time.Millisecond))
	return 0
}

// TestCounters is stories 1 and 3: legacy_counter's slow read-modify-write
// is exact wherever the unported call is atomic and loses updates under
// free; ported_counter, with a lock of its own, is exact everywhere and
// never promotes.
func TestCounters(t *testing.T) {
	const threads, per = 4, 300
	for _, mod := range []string{"legacy_counter", "ported_counter"} {
		for _, p := range policies() {
			t.Run(mod+"/"+p.String(), func(t *testing.T) {
				w := newWorld(t, core.Config{Policy: p})
				exact := protects(p) || mod == "ported_counter"
				round := func() (lost int64, sw int64) {
					w.callOK(w.main, mod+".reset")
					var s switches
					w.parallel(threads, func(id int, th *core.Thread) error {
						for range per {
							if err := th.SafePoint(); err != nil {
								return err
							}
							r, err := w.call(th, mod+".increment")
							if err != nil {
								return err
							}
							th.Decref(r)
							s.step(id)
						}
						return nil
					})
					got := w.callInt(w.main, mod+".value")
					return threads*per - got, s.count.Load()
				}
				if exact {
					lost, sw := round()
					if lost != 0 {
						t.Errorf("%s under %v lost %d of %d updates; want none", mod, p, lost, threads*per)
					}
					if sw == 0 {
						t.Errorf("the threads never interleaved: the run shows nothing")
					}
				} else {
					untilBroken(t, "lost updates", func() int64 { lost, _ := round(); return lost })
				}
				w.balanced()
				by := w.rt.Lock().Stats().PromotionsBy
				if mod == "ported_counter" && by[mod] != 0 {
					t.Errorf("ported_counter forced %d promotions; a ported module never promotes", by[mod])
				}
				if mod == "legacy_counter" && by[mod] < threads*per {
					t.Errorf("legacy_counter forced %d promotions; want at least one per call (%d)", by[mod], threads*per)
				}
			})
		}
	}
}

// TestLegacyPairs is story 2: core threads reading legacy_pairs.items and
// .index with no safe point between the reads see them in step wherever
// add is atomic, and catch them out of step under free.
func TestLegacyPairs(t *testing.T) {
	// Each writer adds per items, and goes on (up to maxPer) until a reader
	// has seen the list grow: under gil the readers get the GIL only when
	// a switch interval runs out, and a writer can finish per adds first.
	const writers, readers, per, maxPer = 2, 2, 300, 200_000
	for _, p := range policies() {
		t.Run(p.String(), func(t *testing.T) {
			w := newWorld(t, core.Config{Policy: p})
			items := w.global(w.main, "legacy_pairs.items")
			index := w.global(w.main, "legacy_pairs.index")
			defer w.main.Decref(items)
			defer w.main.Decref(index)
			round := func(base int64) (outOfStep, growing int64) {
				var bad, grew atomic.Int64
				var writing atomic.Int64
				writing.Store(writers)
				w.parallel(writers+readers, func(id int, th *core.Thread) error {
					if id < writers {
						defer writing.Add(-1)
						for i := int64(0); i < per || (grew.Load() == 0 && i < maxPer); i++ {
							if err := th.SafePoint(); err != nil {
								return err
							}
							x := th.NewInt(base + int64(id)*maxPer + i)
							r, err := w.call(th, "legacy_pairs.add", x)
							th.Decref(x)
							if err != nil {
								return err
							}
							th.Decref(r)
						}
						return nil
					}
					// A reader: n = len(items); if n: items[-1] in index.
					last := -1
					for writing.Load() > 0 {
						if err := th.SafePoint(); err != nil {
							return err
						}
						n, err := th.Len(items)
						if err != nil {
							return err
						}
						if n == 0 {
							continue
						}
						if n != last {
							grew.Add(1)
							last = n
						}
						minus1 := th.NewInt(-1)
						x, err := th.GetItem(items, minus1)
						th.Decref(minus1)
						if err != nil {
							return err
						}
						in, err := th.Contains(index, x)
						th.Decref(x)
						if err != nil {
							return err
						}
						if !in {
							bad.Add(1)
						}
					}
					return nil
				})
				return bad.Load(), grew.Load()
			}
			if protects(p) {
				bad, grew := round(0)
				if bad != 0 {
					t.Errorf("readers saw items and index out of step %d times under %v; want never", bad, p)
				}
				if grew == 0 {
					t.Errorf("the readers never saw the list grow: they did not run beside the writers")
				}
				r, err := w.call(w.main, "legacy_pairs.in_step")
				w.check(err)
				if r != w.rt.True {
					t.Errorf("legacy_pairs.in_step() is false after the run")
				}
			} else {
				base := int64(0)
				untilBroken(t, "out-of-step reads", func() int64 {
					base += writers * maxPer
					bad, _ := round(base)
					return bad
				})
			}
			w.balanced()
		})
	}
}

// TestCallbackModes is story 4: callback.apply keeps a running total in
// module state across its calls back into Python. Under Callbacks = drop
// a concurrent apply can reset it during a callback -- under eml as under
// gil, which is the point: drop is GIL-equivalent, and the GIL never made
// a callback atomic. Under hold every apply is atomic, callbacks and all.
func TestCallbackModes(t *testing.T) {
	const threads, applies, items = 2, 10, 20
	want := int64(items * (items - 1) / 2)
	for _, p := range policies() {
		for _, mode := range []core.CallbackMode{core.CallbacksDrop, core.CallbacksHold} {
			t.Run(fmt.Sprintf("%v/%v", p, mode), func(t *testing.T) {
				// A short switch interval, so that under gil+drop the GIL
				// is asked for during the callbacks, as a busy program asks.
				w := newWorld(t, core.Config{Policy: p, Callbacks: mode, SwitchInterval: 50 * time.Microsecond})
				rng := w.global(w.main, "builtins.range")
				defer w.main.Decref(rng)
				round := func() (wrong int64, sw int64) {
					var bad atomic.Int64
					var s switches
					w.parallel(threads, func(id int, th *core.Thread) error {
						spin := w.global(th, "spin")
						defer th.Decref(spin)
						n := th.NewInt(items)
						defer th.Decref(n)
						for range applies {
							if err := th.SafePoint(); err != nil {
								return err
							}
							seq, err := th.Call(rng, []core.Object{n}, nil)
							if err != nil {
								return err
							}
							r, err := w.call(th, "callback.apply", spin, seq)
							th.Decref(seq)
							if err != nil {
								return err
							}
							if v, _ := r.(*core.Int).Int64(); v != want {
								bad.Add(1)
							}
							th.Decref(r)
							s.step(id)
						}
						return nil
					})
					return bad.Load(), s.count.Load()
				}
				if protects(p) && mode == core.CallbacksHold {
					wrong, sw := round()
					if wrong != 0 {
						t.Errorf("%d of %d applies returned a wrong total under %v with hold; want none", wrong, threads*applies, p)
					}
					if sw == 0 {
						t.Errorf("the threads never interleaved: the run shows nothing")
					}
				} else {
					untilBroken(t, "wrong totals", func() int64 { wrong, _ := round(); return wrong })
				}
				w.balanced()
			})
		}
	}
}

// TestBlockingIO is story 5: each half of blocking_io.read is atomic where
// unported calls are, and during its wait -- AllowThreads inside an
// exclusive call -- every other thread runs: a core thread counting steps
// makes progress across the call, under every policy.
func TestBlockingIO(t *testing.T) {
	const readers, per = 3, 40
	for _, p := range policies() {
		t.Run(p.String(), func(t *testing.T) {
			w := newWorld(t, core.Config{Policy: p})
			zero := w.int(w.main, 0)
			defer w.main.Decref(zero)
			round := func() (lost int64) {
				w.callOK(w.main, "blocking_io.reset")
				w.parallel(readers, func(id int, th *core.Thread) error {
					for range per {
						if err := th.SafePoint(); err != nil {
							return err
						}
						r, err := w.call(th, "blocking_io.read", zero)
						if err != nil {
							return err
						}
						th.Decref(r)
					}
					return nil
				})
				counts := w.global(w.main, "blocking_io.counts")
				defer w.main.Decref(counts)
				r, err := w.main.Call(counts, nil, nil)
				w.check(err)
				defer w.main.Decref(r)
				tup := r.(*core.Tuple)
				started, _ := tup.Item(0).(*core.Int).Int64()
				finished, _ := tup.Item(1).(*core.Int).Int64()
				return 2*readers*per - started - finished
			}
			if protects(p) {
				if lost := round(); lost != 0 {
					t.Errorf("blocking_io lost %d updates under %v; want none", lost, p)
				}
			} else {
				untilBroken(t, "lost updates", round)
			}

			// Progress during the wait: one thread reads with a real wait
			// while another calls blocking_io.counts() over and over. A
			// count that shows a read started and not finished was taken
			// inside the wait, so the world ran during it; if the wait
			// held the lock (the call atomic all through), counts() could
			// only ever run between reads. The reader goes on until that
			// is seen or the break budget is spent: on a loaded host a
			// thread may get no processor for several 5 ms waits in a row.
			w.callOK(w.main, "blocking_io.reset")
			var inside, looks, reads atomic.Int64
			var done atomic.Bool
			wait := w.main.NewFloat(0.005)
			defer w.main.Decref(wait)
			start := time.Now()
			w.parallel(2, func(id int, th *core.Thread) error {
				if id == 1 {
					for !done.Load() {
						if err := th.SafePoint(); err != nil {
							return err
						}
						r, err := w.call(th, "blocking_io.counts")
						if err != nil {
							return err
						}
						tup := r.(*core.Tuple)
						started, _ := tup.Item(0).(*core.Int).Int64()
						finished, _ := tup.Item(1).(*core.Int).Int64()
						th.Decref(r)
						looks.Add(1)
						if started > finished {
							inside.Add(1)
						}
					}
					return nil
				}
				defer done.Store(true)
				for looks.Load() == 0 && time.Since(start) < breakBudget {
					if err := th.SafePoint(); err != nil {
						return err
					}
				}
				for inside.Load() == 0 && (reads.Load() < 5 || time.Since(start) < breakBudget) {
					reads.Add(1)
					if err := th.SafePoint(); err != nil {
						return err
					}
					r, err := w.call(th, "blocking_io.read", wait)
					if err != nil {
						return err
					}
					th.Decref(r)
					if th.EML().Depth() != 0 {
						return fmt.Errorf("depth %d after the call; want 0", th.EML().Depth())
					}
				}
				return nil
			})
			if inside.Load() == 0 {
				t.Errorf("no call of blocking_io.counts() ran while blocking_io.read waited, in %d reads over %v (%d calls in all): the wait did not let the world run",
					reads.Load(), time.Since(start).Round(time.Millisecond), looks.Load())
			}
			w.balanced()
		})
	}
}
