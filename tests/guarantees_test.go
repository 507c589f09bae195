package tests

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/schedule"
)

// TestGuarantees checks every row of Guarantees under every policy the
// row speaks of, in both modes. Where the row says "holds", every
// generated case must keep it; in deterministic mode the cases must also
// have switched threads (or the property was never exercised). Where it
// says "broken", a counterexample must be found: in deterministic mode
// rapid finds it and shrinks it, and the test logs the shrunk program and
// its interleaving table; in real mode a larger program is run until one
// breaks it.
func TestGuarantees(t *testing.T) {
	for _, g := range Guarantees {
		for _, p := range eml.Policies() {
			v := g.Expect[p]
			if v == NotApplicable {
				continue
			}
			for _, m := range []Mode{Deterministic, Real} {
				t.Run(fmt.Sprintf("%s/%v/%v", g.ID, p, m), func(t *testing.T) {
					if v == Holds {
						checkHolds(t, g, p, m)
					} else {
						checkBroken(t, g, p, m)
					}
				})
			}
		}
	}
}

// checkHolds runs g's property under rapid; in deterministic mode it also
// asserts that some case preempted a thread.
func checkHolds(t *testing.T, g Guarantee, p eml.Policy, m Mode) {
	var cases, switched, parallel, modeSwitched int
	if m == Deterministic && !checksExplicit {
		n := holdsChecks
		if raceEnabled {
			n = raceHoldsChecks
		}
		defer setRapidFlags(map[string]string{"rapid.checks": n})()
	}
	rapid.Check(t, g.Property(p, m, func(prog Program, o *Outcome, _ error) {
		cases++
		if o.Sched != nil && o.Sched.Preemptions > 0 {
			switched++
		}
		if o.Sched != nil && o.Sched.ModeSwitches > 0 {
			modeSwitched++
		}
		if busy(prog) >= 2 {
			parallel++
		}
	}))
	if t.Failed() {
		return
	}
	if parallel == 0 {
		t.Errorf("none of %d cases had two threads with work: the property was never exercised", cases)
	}
	if m == Deterministic && switched == 0 {
		t.Errorf("none of %d schedules switched threads: the property was never exercised", cases)
	}
	if m == Deterministic && p == eml.PolicyAdaptive && modeSwitched == 0 {
		// The schedule chooses the adaptive lock's switches too
		// (schedule.Scheduler.SwitchMode): some must have switched.
		t.Errorf("none of %d schedules switched the adaptive lock's mode: the guarantee was never checked across a switch", cases)
	}
	t.Logf("%s holds under %v (%v): %d cases, %d with two busy threads, %d schedules that switched threads, %d the lock's mode", g.ID, p, m, cases, parallel, switched, modeSwitched)
	if m == Real {
		holdsInReality(t, g, p)
	}
}

// Real-mode runs of a larger program: realThreads threads of realOps
// operations each, cycling through the row's operations, released
// together from a barrier, with a 1 us switch interval under the GIL
// (as CPython's table in docs/design.md was measured), so that a switch can
// land inside anything.
const realThreads, realOps = 4, 200

// realBudget bounds a real-mode search: a "broken" row keeps running its
// program until a run breaks the guarantee, a "holds" row until the runs
// have shown that the threads' operations interleaved; both stop at the
// first success, which on a quiet machine is the first run.
const realBudget = 60 * time.Second

// realProgram is g's larger real-mode program.
func realProgram(g Guarantee) Program {
	prog := Program{Threads: make([][]Op, realThreads), Barrier: true}
	for i := range prog.Threads {
		for j := range realOps {
			prog.Threads[i] = append(prog.Threads[i], g.Ops[(i+j)%len(g.Ops)])
		}
	}
	return prog
}

// holdsInReality runs g's larger program with real goroutines until its
// runs have shown minInterleavings places where one thread's operation
// followed another's, or for realBudget; every run must keep g, and the
// interleavings must have happened -- evidence that the threads ran at
// the same time rather than one after another.
func holdsInReality(t *testing.T, g Guarantee, p eml.Policy) {
	const minInterleavings = 20
	prog := realProgram(g)
	cfg := core.Config{Policy: p, SwitchInterval: time.Microsecond}
	start := time.Now()
	runs, interleavings := 0, 0
	for interleavings < minInterleavings && (runs == 0 || time.Since(start) < realBudget) {
		o, err := RunReal(prog, cfg)
		if err != nil {
			t.Fatal(err)
		}
		runs++
		interleavings += o.Interleavings()
		if broke := g.Check(prog, o); broke != nil {
			t.Fatalf("%s under %v, real goroutines, %d threads x %d operations: %v", g.ID, p, realThreads, realOps, broke)
		}
	}
	if interleavings < minInterleavings {
		t.Fatalf("%d runs in %v of %d threads x %d operations, released together from a barrier, interleaved their operations only %d times (want %d): the real-mode check exercised no concurrency",
			runs, time.Since(start).Round(time.Millisecond), realThreads, realOps, interleavings, minInterleavings)
	}
	t.Logf("%s holds under %v with real goroutines: %d runs of %d threads x %d operations, %d interleavings", g.ID, p, runs, realThreads, realOps, interleavings)
}

// busy counts the threads with operations.
func busy(p Program) int {
	n := 0
	for _, ops := range p.Threads {
		if len(ops) > 0 {
			n++
		}
	}
	return n
}

// checkBroken asserts that g is seen broken under p.
func checkBroken(t *testing.T, g Guarantee, p eml.Policy, m Mode) {
	if m == Real {
		brokenInReality(t, g, p)
		return
	}
	var last struct {
		prog Program
		o    *Outcome
		err  error
	}
	// No shrinking here: the catalogue (TestAtomicityDocIsCurrent, run
	// without -race) shrinks every one of these counterexamples and
	// checks the result against docs/atomicity.md. Shrinking them twice
	// took five of the package's eleven minutes under load (G3a and G3b
	// under free, 50-106 s each), past go test's default timeout.
	expectFailure(t, "1ms", g.Property(p, m, func(prog Program, o *Outcome, err error) {
		if err != nil {
			last.prog, last.o, last.err = prog, o, err
		}
	}))
	if last.o == nil {
		t.Fatal("rapid reported a failure but no run broke the guarantee")
	}
	// rapid replays the (barely shrunk) case last, so last holds it.
	t.Logf("%s broken under %v (docs/atomicity.md has it shrunk):\n%s%v\n%s%s", g.ID, p, last.prog, last.err,
		schedule.FormatChoices(last.o.Sched.Choices), last.o.Sched.Table(30))
}

// brokenInReality runs g's larger program with real goroutines until a
// run breaks g, or for realBudget, and fails saying what it tried.
func brokenInReality(t *testing.T, g Guarantee, p eml.Policy) {
	prog := realProgram(g)
	cfg := core.Config{Policy: p, SwitchInterval: time.Microsecond}
	start := time.Now()
	runs, interleavings := 0, 0
	for runs == 0 || time.Since(start) < realBudget {
		o, err := RunReal(prog, cfg)
		if err != nil {
			t.Fatal(err)
		}
		runs++
		if err := finished(o); err != nil {
			t.Fatalf("run %d of %d threads x %d operations did not finish: %v", runs, realThreads, realOps, err)
		}
		interleavings += o.Interleavings()
		if broke := g.Check(prog, o); broke != nil {
			t.Logf("%s broken under %v with real goroutines in run %d (%d interleavings of the threads' operations in all): %v", g.ID, p, runs, interleavings, broke)
			return
		}
	}
	t.Errorf("%d runs in %v of %d threads x %d operations, released together from a barrier, with a 1 us switch interval, never broke %s under %v (their operations interleaved %d times in all); docs/design.md says it must be seen broken",
		runs, time.Since(start).Round(time.Millisecond), realThreads, realOps, g.ID, p, interleavings)
}

// searchChecks is the budget of a property that is meant to fail: the
// search stops at the first counterexample.
const searchChecks = "1000"

// holdsChecks is how many schedules a "holds" row tries in deterministic
// mode, five times the default: a deterministic case costs about a
// millisecond, and with 40 the suite let mutants of the lock through
// that 200 catch (tests/mutation: the lost wake-up of
// eml-restart-before-clear was found after 0 to 2 cases, a lost biased
// reference after 1, a drop-mode callback that did not promote again
// after 4). A -race build, ten times slower, tries raceHoldsChecks: its
// value is in the race reports.
const holdsChecks, raceHoldsChecks = "200", "40"

// shrinkTime bounds shrinking, for a machine (or a -race build) slow
// enough that rapid's default of 30 s would cut it short.
const shrinkTime = "3m"

// expectFailure runs prop under rapid.Check expecting a counterexample,
// shrinking it for at most shrink, with no fail file written.
func expectFailure(t *testing.T, shrink string, prop func(*rapid.T)) []string {
	t.Helper()
	defer setRapidFlags(map[string]string{"rapid.nofailfile": "true", "rapid.checks": searchChecks, "rapid.shrinktime": shrink})()
	f := &recorder{name: t.Name()}
	rapid.Check(f, prop)
	if !f.failed {
		t.Fatalf("rapid found no counterexample in %s cases; docs/design.md says this must be seen broken", searchChecks)
	}
	return f.report
}

// TestProgramsAssemble: every operation renders to assembly that runs,
// alone and all together, and the outcome line reads back.
func TestProgramsAssemble(t *testing.T) {
	var all []Op
	for o := Op(0); o < numOps; o++ {
		all = append(all, o)
		t.Run(o.String(), func(t *testing.T) {
			prog := Program{Threads: [][]Op{{o}}}
			out, err := RunReal(prog, core.Config{})
			if err != nil {
				t.Fatal(err)
			}
			if err := finished(out); err != nil {
				t.Fatalf("%v\nsource:\n%s", err, prog.Source())
			}
		})
	}
	prog := Program{Threads: [][]Op{all, all}}
	out, err := RunReal(prog, core.Config{Policy: eml.PolicyGIL})
	if err != nil {
		t.Fatal(err)
	}
	want := Outcome{Legacy: 4, Ported: 2, Plain: 2, Called: 2, Started: 2, Finished: 2, Fired: 4, Faults: 2, Printed: true}
	got := *out
	got.Stdout, got.Stderr, got.CloseErr, got.Sched, got.Config = "", "", nil, nil, core.Config{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("two threads doing everything under gil:\ngot  %+v\nwant %+v\nstdout %q", got, want, strings.TrimSpace(out.Stdout))
	}
}
