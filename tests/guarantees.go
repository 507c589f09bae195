package tests

import (
	"errors"
	"fmt"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
	"github.com/rwgil/rwgil/schedule"
)

// Verdict is what docs/design.md says of a guarantee under a policy,
// or what a search found.
type Verdict uint8

const (
	// NotApplicable: the guarantee says nothing of the policy.
	NotApplicable Verdict = iota
	// Holds: no run may break it.
	Holds
	// Broken: it must be seen broken -- a counterexample must be found.
	Broken
)

func (v Verdict) String() string {
	return [...]string{NotApplicable: "n/a", Holds: "holds", Broken: "broken"}[v]
}

// Guarantee is one row of docs/design.md's table that a generated program can
// check: what its programs are made of, how a run is configured, what a
// run must leave behind, and under which policies it must hold or be seen
// broken.
type Guarantee struct {
	// ID is the row's name (G1, G3a, ...); Title says what it promises.
	ID, Title string
	// Ops are what its programs are drawn from; every program has
	// Threads threads of up to MaxOps operations each.
	Ops             []Op
	Threads, MaxOps int
	// Expect is docs/design.md's row: the verdict under each policy.
	Expect map[eml.Policy]Verdict
	// Config draws the runtime's configuration for a policy (the
	// callback mode, the refcount strategy); nil means the defaults.
	Config func(t *rapid.T, p eml.Policy) core.Config
	// Check returns why the run broke the guarantee, or nil.
	Check func(p Program, o *Outcome) error
	// Chooser, if set, draws a deterministic run's chooser; nil means
	// schedule.Rapid, whose schedules shrink. A seeded schedule.Random
	// switches at about every other choice point, eighty times as often:
	// for a row that needs a thread caught in the middle of its work.
	Chooser func(t *rapid.T) schedule.Chooser
}

// finished is the common part of every check: the program ran to its
// end and printed its state.
func finished(o *Outcome) error {
	switch {
	case o.Aborted != nil:
		return fmt.Errorf("the run was given up: %v", o.Aborted)
	case o.Exception != "":
		return fmt.Errorf("the program raised:\n%s", o.Exception)
	case !o.Printed:
		return fmt.Errorf("the program did not print its state; stdout %q, stderr %q", o.Stdout, o.Stderr)
	}
	return nil
}

// updates is n updates, in words ("1 update", "2 updates").
func updates(n int) string {
	if n == 1 {
		return "1 update"
	}
	return fmt.Sprintf("%d updates", n)
}

// every is the verdict v under every policy.
func every(v Verdict) map[eml.Policy]Verdict {
	m := map[eml.Policy]Verdict{}
	for _, p := range eml.Policies() {
		m[p] = v
	}
	return m
}

// Guarantees are the rows checked with generated programs, in
// docs/design.md's order. G2 (linearizability, checked with porcupine), G8
// (fairness of promotion) and G9 (sticky's switch) have tests of their
// own; the catalogue measures G2, G8 and G10 itself (G2Row, G8Row,
// G10Row) and explores G9 (ExploreSticky).
var Guarantees = []Guarantee{
	{
		ID:    "G1",
		Title: "an unported call is atomic: nothing else runs core or extension code during it",
		Ops:   []Op{OpLegacy, OpPairsAdd, OpPairsPeek, OpBlocking, OpReentrant, OpPlus1},
		// An unported call is atomic under eml, gil and sticky (the
		// programs import unported modules first, so sticky is the GIL).
		Threads: 3, MaxOps: 3,
		Expect: map[eml.Policy]Verdict{eml.PolicyEML: Holds, eml.PolicyGIL: Holds, eml.PolicySticky: Holds, eml.PolicyFree: Broken, eml.PolicyAdaptive: Holds},
		Check: func(p Program, o *Outcome) error {
			if err := finished(o); err != nil {
				return err
			}
			want := p.Count(OpLegacy) + p.Count(OpReentrant)
			var errs []error
			if o.Legacy != want {
				errs = append(errs, fmt.Errorf("legacy_counter is %d after %d increments: an increment ran inside another", o.Legacy, want))
			}
			if o.Torn != 0 {
				errs = append(errs, fmt.Errorf("%d peeks saw legacy_pairs out of step: core code ran inside legacy_pairs.add", o.Torn))
			}
			if n := p.Count(OpBlocking); o.Started != n || o.Finished != n {
				errs = append(errs, fmt.Errorf("blocking_io counted (%d, %d) after %d reads: a half of read ran inside another", o.Started, o.Finished, n))
			}
			return errors.Join(errs...)
		},
	},
	{
		ID:      "G3a",
		Title:   "`counter += 1` (no safe point inside) loses updates only where threads run in parallel",
		Ops:     []Op{OpPlus1},
		Threads: 3, MaxOps: 3,
		Expect: map[eml.Policy]Verdict{eml.PolicyEML: Broken, eml.PolicyGIL: Holds, eml.PolicySticky: Holds, eml.PolicyFree: Broken, eml.PolicyAdaptive: Broken},
		Check: func(p Program, o *Outcome) error {
			if err := finished(o); err != nil {
				return err
			}
			if n := p.Count(OpPlus1); o.Plain != n {
				return fmt.Errorf("plain is %d after %d `plain += 1`: %s lost", o.Plain, n, updates(n-o.Plain))
			}
			return nil
		},
	},
	{
		ID:      "G3b",
		Title:   "`counter += one()` (a call, so a safe point, inside) loses updates under every policy",
		Ops:     []Op{OpPlusCall},
		Threads: 3, MaxOps: 3,
		Expect: every(Broken),
		Check: func(p Program, o *Outcome) error {
			if err := finished(o); err != nil {
				return err
			}
			if n := p.Count(OpPlusCall); o.Called != n {
				return fmt.Errorf("called is %d after %d `called += one()`: %s lost", o.Called, n, updates(n-o.Called))
			}
			return nil
		},
	},
	{
		ID:      "G4",
		Title:   "a ported module's own lock keeps its invariants",
		Ops:     []Op{OpPorted, OpLegacy, OpPlus1},
		Threads: 3, MaxOps: 3,
		Expect: every(Holds),
		Check: func(p Program, o *Outcome) error {
			if err := finished(o); err != nil {
				return err
			}
			if n := p.Count(OpPorted); o.Ported != n {
				return fmt.Errorf("ported_counter is %d after %d increments", o.Ported, n)
			}
			return nil
		},
	},
	{
		ID:      "G5",
		Title:   "any nesting of promotion, callbacks, blocking, Ensure from foreign goroutines and re-entrant calls terminates",
		Ops:     []Op{OpCallback, OpReentrant, OpBlocking, OpTimer, OpLegacy, OpFaulty},
		Threads: 3, MaxOps: 3,
		Expect: every(Holds),
		Config: func(t *rapid.T, p eml.Policy) core.Config {
			modes := []core.CallbackMode{core.CallbacksDrop, core.CallbacksHold}
			return core.Config{Policy: p, Callbacks: rapid.SampledFrom(modes).Draw(t, "callbacks")}
		},
		Check: func(p Program, o *Outcome) error {
			if err := finished(o); err != nil {
				return err
			}
			if n := 2 * p.Count(OpTimer); o.Fired != n {
				return fmt.Errorf("%d timer callbacks fired, want %d", o.Fired, n)
			}
			return nil
		},
	},
	{
		ID:      "G6",
		Title:   "every object is deallocated exactly once and never used after; counts exact after join",
		Ops:     []Op{OpLegacy, OpPorted, OpPlus1, OpPairsAdd, OpPairsPeek, OpCallback, OpTimer, OpFaulty},
		Threads: 3, MaxOps: 3,
		Expect: every(Holds),
		Config: func(t *rapid.T, p eml.Policy) core.Config {
			return core.Config{Policy: p, Refcount: rapid.SampledFrom(countingStrategies(p)).Draw(t, "refcount")}
		},
		Check: func(p Program, o *Outcome) error {
			if err := finished(o); err != nil {
				return err
			}
			if o.CloseErr != nil {
				return fmt.Errorf("closing the runtime reported: %v", o.CloseErr)
			}
			return nil
		},
	},
	{
		ID:      "G7",
		Title:   "a panic in extension code leaves the lock released and the runtime usable",
		Ops:     []Op{OpFaulty, OpLegacy, OpPlus1},
		Threads: 3, MaxOps: 3,
		Expect: every(Holds),
		Check: func(p Program, o *Outcome) error {
			if err := finished(o); err != nil {
				return err
			}
			if n := p.Count(OpFaulty); o.Faults != n {
				return fmt.Errorf("%d RuntimeErrors caught from %d crashing calls", o.Faults, n)
			}
			if o.CloseErr != nil {
				return fmt.Errorf("closing the runtime reported: %v", o.CloseErr)
			}
			return nil
		},
	},
}

// countingStrategies are the refcount strategies that deallocate (so that
// "exactly once" means something) and are valid under p: plain only under
// the gil policy.
func countingStrategies(p eml.Policy) []refcount.Kind {
	if p == eml.PolicyGIL {
		return []refcount.Kind{refcount.Plain, refcount.Atomic, refcount.Biased}
	}
	return []refcount.Kind{refcount.Atomic, refcount.Biased}
}

// GuaranteeByID returns the row named id.
func GuaranteeByID(id string) (Guarantee, bool) {
	for _, g := range Guarantees {
		if g.ID == id {
			return g, true
		}
	}
	return Guarantee{}, false
}

// config draws g's runtime configuration under p.
func (g Guarantee) config(t *rapid.T, p eml.Policy) core.Config {
	if g.Config == nil {
		return core.Config{Policy: p}
	}
	return g.Config(t, p)
}

// Property is g under policy p in mode m, as a rapid property: it draws a
// program and a configuration (and, when deterministic, the schedule),
// runs it, and fails the test case if the guarantee broke. report, if not
// nil, is told of every case (for counting cases and schedules, and
// keeping the last counterexample).
func (g Guarantee) Property(p eml.Policy, m Mode, report func(Program, *Outcome, error)) func(*rapid.T) {
	return func(t *rapid.T) {
		prog := DrawProgram(t, g.Ops, g.Threads, g.MaxOps)
		cfg := g.config(t, p)
		var c schedule.Chooser
		if m == Deterministic {
			c = schedule.Rapid(t)
			if g.Chooser != nil {
				c = g.Chooser(t)
			}
		}
		o, err := Run(m, prog, c, cfg)
		if err != nil {
			t.Fatalf("running the program: %v", err)
		}
		broke := g.Check(prog, o)
		if report != nil {
			report(prog, o, broke)
		}
		if broke != nil {
			t.Fatalf("%s under %v: %v\nprogram:\n%s", g.ID, p, broke, prog)
		}
	}
}
