package schedule_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/refcount"
	"github.com/rwgil/rwgil/schedule"
)

// pooled is an object whose deallocation hands a new incarnation out at
// once, as a freelist does: Dealloc initializes it again, owned by the
// thread that freed it.
type pooled struct {
	rc       refcount.Count
	s        refcount.Strategy
	deallocs int
}

func (o *pooled) RefCount() *refcount.Count { return &o.rc }
func (o *pooled) Describe() string          { return "pooled object" }
func (o *pooled) Dealloc(by *refcount.Owner) {
	o.deallocs++
	o.s.Init(o, by)
}

// mergeScenario is gh-119999's shape as a RunFunc for schedule.Explore:
// thread x initializes an object, takes a second reference and exits; y
// and z each drop one of the two. The first to drop finds x exited and
// merges x's local count itself; the second takes the merged count to zero
// and deallocates, and the pool hands a new incarnation to it at once.
// With refcount.Bugs.MergeOwnerAfterPublish the merging thread clears the
// owner fields after publishing the count: if the other thread runs in
// between, the late writes clear the new incarnation's. The Scheduler runs
// y and z one at a time, switching where the strategy yields (as a Decref
// begins, and inside the merge's window).
func mergeScenario(bug bool) schedule.RunFunc {
	return func(c schedule.Chooser, opts schedule.Options) (*schedule.Result, error, error) {
		s := schedule.New(c, opts)
		var reports []string
		st := refcount.New(refcount.Biased, func(r *refcount.Report) { reports = append(reports, r.Error()) })
		waiters := map[*refcount.Owner]*eml.Waiter{}
		refcount.WithBugs(st, refcount.Bugs{
			MergeOwnerAfterPublish: bug,
			Yield:                  func(by *refcount.Owner) { s.Yield(waiters[by]) },
		})
		x, y, z := st.NewOwner("x"), st.NewOwner("y"), st.NewOwner("z")
		o := &pooled{s: st}
		st.Init(o, x)
		st.Incref(o, x)
		st.ThreadExit(x)
		// The main task starts both threads before either runs, so that
		// every run has the same choice points.
		main := eml.NewWaiter("main")
		s.Enter(main)
		var wg sync.WaitGroup
		for _, me := range []*refcount.Owner{y, z} {
			w := eml.NewWaiter(me.Name())
			waiters[me] = w
			wg.Add(1)
			s.Go(me.Name(), func() {
				defer wg.Done()
				s.Enter(w)
				st.Decref(o, me)
			})
		}
		s.Leave(main)
		wg.Wait()
		_, pre := s.Counts()
		runs, threads, _ := s.Trace()
		res := &schedule.Result{Choices: s.Choices(), Preemptions: pre, Runs: runs, Threads: threads}
		var broke []string
		if o.deallocs != 1 {
			broke = append(broke, fmt.Sprintf("deallocated %d times, want once", o.deallocs))
		}
		if n := st.Refcnt(o); n != 1 {
			broke = append(broke, fmt.Sprintf("the new incarnation's count is %d, want 1: the merge's late writes cleared it", n))
		}
		broke = append(broke, reports...)
		if len(broke) > 0 {
			return res, fmt.Errorf("%s", strings.Join(broke, "; ")), nil
		}
		return res, nil, nil
	}
}

// TestBugGH119999: with the bug reintroduced (the merge writes the owner
// fields after publishing the merged count) the explorer finds a schedule
// that corrupts the new incarnation, with one preemption; with the fix
// every schedule up to 3 preemptions of the three threads keeps it whole.
func TestBugGH119999(t *testing.T) {
	e, err := schedule.Explore(mergeScenario(true), schedule.Options{}, schedule.ExploreOptions{Preemptions: 3})
	if err != nil {
		t.Fatal(err)
	}
	if e.Failure == nil {
		t.Fatalf("the buggy merge was not caught: %s", e.Summary(3))
	}
	t.Logf("buggy: %v; %s\n%s", e.Failure, e.Summary(3), e.Result.Table(20))
	if e.Preemptions != 1 {
		t.Errorf("the failure took %d preemptions, want 1", e.Preemptions)
	}
	f, err := schedule.Explore(mergeScenario(false), schedule.Options{}, schedule.ExploreOptions{Preemptions: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !f.Complete || f.Failure != nil {
		t.Fatalf("the fixed merge: %s: %v", f.Summary(3), f.Failure)
	}
	if f.Runs < 2 {
		t.Errorf("the fixed merge ran %d schedules: the scenario does not interleave", f.Runs)
	}
	t.Logf("fixed: %s", f.Summary(3))
}

// resumeScenario is gh-151518's shape as a RunFunc: threads each make
// unported calls -- each a stop-the-world under eml -- so that every stop
// suspends the others, which must then re-attach. With
// eml.Bugs.NoResumeTurn a stopper does not first let the threads the last
// stop suspended re-attach, and a stream of stops can suspend one again
// before it ever runs: the lock counts each such resuspension.
func resumeScenario(t *testing.T, bug bool, increments ...int) schedule.RunFunc {
	code := assemble(t, "counter.rwa", counterProgram(increments...))
	return func(c schedule.Chooser, opts schedule.Options) (*schedule.Result, error, error) {
		var lock *eml.Lock
		res, err := schedule.RunProgram(code, c, schedule.Config{
			Runtime: core.Config{Policy: eml.PolicyEML},
			Setup: func(rt *core.Runtime) error {
				lock = rt.Lock()
				lock.SetBugs(eml.Bugs{NoResumeTurn: bug})
				return extensions.RegisterBundled(rt)
			},
			Options: opts,
		})
		if err != nil {
			return nil, nil, err
		}
		if err := counterCheck(res); err != nil {
			return res, err, nil
		}
		if n := lock.Stats().Resuspensions; n > 0 {
			return res, fmt.Errorf("a stop-the-world suspended a re-attaching thread again before it ran (%d times): a stream of stops can starve it", n), nil
		}
		return res, nil, nil
	}
}

// TestBugGH151518: with the resume turn skipped the explorer finds a
// schedule in which a stop suspends a thread that the previous stop
// released before it re-attached; with the fix every schedule of the
// same program up to 1 preemption lets every released thread re-attach
// first. Bound 2 is 10,000-odd schedules and bound 3 far more, each
// building a runtime afresh: TestBugGH151518Lock verifies the same turn
// on the lock alone up to 3 preemptions.
func TestBugGH151518(t *testing.T) {
	e, err := schedule.Explore(resumeScenario(t, true, 2, 2), schedule.Options{MaxSteps: 100_000}, schedule.ExploreOptions{Preemptions: 3, Budget: 60 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if e.Failure == nil {
		t.Fatalf("the skipped resume turn was not caught: %s", e.Summary(3))
	}
	t.Logf("buggy: %v; %s", e.Failure, e.Summary(3))
	// Two promoting threads under eml make every schedule rich in
	// choices: 828 schedules up to 1 preemption, some 45,000 more at 2
	// (RWGIL_POR_FULL=1: minutes), far more at 3. DPOR prunes nothing
	// here (every promotion's stretch may touch anything), so it is not
	// asked for.
	budget := schedule.ExploreOptions{Preemptions: 1}
	if os.Getenv("RWGIL_POR_FULL") != "" {
		budget.Preemptions = 2
	}
	f, err := schedule.Explore(resumeScenario(t, false, 2, 2), schedule.Options{MaxSteps: 100_000}, budget)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Complete || f.Failure != nil {
		t.Fatalf("the fixed lock: %s: %v", f.Summary(budget.Preemptions), f.Failure)
	}
	t.Logf("fixed: %s; new schedules per bound %v", f.Summary(budget.Preemptions), f.New)
}

// sectionModules are the scenarios' test-only extension modules:
// sections (ported) holds critical sections across switch points, and
// stw (unported) makes calls that stop the world under eml.
func sectionModules(rt *core.Runtime) error {
	list := func(th *core.Thread, fname string, args []core.Object) (*core.List, error) {
		l, ok := args[0].(*core.List)
		if !ok {
			return nil, th.Raisef(th.RaiseType("TypeError"), "%s() takes a list", fname)
		}
		return l, nil
	}
	err := extensions.Register(rt, extensions.Module{Name: "sections", Ported: true, Funcs: map[string]extensions.Func{
		// hold(L): a critical section on L with a switch point inside.
		"hold": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("hold", args, kw, 1, 1); err != nil {
				return nil, err
			}
			l, err := list(th, "hold", args)
			if err != nil {
				return nil, err
			}
			return th.Runtime().None, th.CriticalSection(l, func() error { th.Yield(); return nil })
		},
		// apply(L, fn): fn() inside a critical section on L, after a
		// switch point.
		"apply": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("apply", args, kw, 2, 2); err != nil {
				return nil, err
			}
			l, err := list(th, "apply", args)
			if err != nil {
				return nil, err
			}
			return th.Runtime().None, th.CriticalSection(l, func() error {
				th.Yield()
				r, err := th.Call(args[1], nil, nil)
				th.XDecref(r)
				return err
			})
		},
	}})
	if err != nil {
		return err
	}
	return extensions.Register(rt, extensions.Module{Name: "stw", Funcs: map[string]extensions.Func{
		// append(L, x): L.append(x), from inside the call's stop.
		"append": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("append", args, kw, 2, 2); err != nil {
				return nil, err
			}
			l, err := list(th, "append", args)
			if err != nil {
				return nil, err
			}
			return th.Runtime().None, th.ListAppend(l, args[1])
		},
		// touch(): nothing, but the call's stop.
		"touch": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			return th.Runtime().None, th.CheckArgs("touch", args, kw, 0, 0)
		},
	}})
}

// handOffScenario runs one of the hand-off scenarios (testdata/gh144513.py,
// testdata/gh118332.py) under eml, with eml.Bugs.HandOff if bug, and
// checks that it ended and that every unported call stopped the world
// exactly once: a second stop for one call is the world restarting and
// stopping again because the thread running alone waited for a critical
// section's mutex (CPython, whose stopper cannot restart the world,
// deadlocks there).
func handOffScenario(t *testing.T, file string, bug bool) schedule.RunFunc {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	code, err := compile.Compile(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return func(c schedule.Chooser, opts schedule.Options) (*schedule.Result, error, error) {
		var lock *eml.Lock
		res, err := schedule.RunProgram(code, c, schedule.Config{
			Runtime: core.Config{Policy: eml.PolicyEML},
			Setup: func(rt *core.Runtime) error {
				lock = rt.Lock()
				lock.SetBugs(eml.Bugs{HandOff: bug})
				if err := python.RegisterModules(rt); err != nil {
					return err
				}
				return sectionModules(rt)
			},
			Options: opts,
		})
		if err != nil {
			return nil, nil, err
		}
		if err := schedule.Ended(res); err != nil {
			return res, err, nil
		}
		st := lock.Stats()
		if calls := st.PromotionsBy["stw"]; st.Stops != calls {
			return res, fmt.Errorf("%d stops of the world for %d unported calls: the thread running alone waited for a critical section's mutex held by a thread the stop had suspended, and the world restarted inside its call (CPython deadlocks here)", st.Stops, calls), nil
		}
		return res, nil, nil
	}
}

// exploreBug explores a scenario with the bug reintroduced, which must
// fail within bound preemptions, and without, which must be verified for
// every schedule up to fixedBound preemptions; it returns both
// explorations.
func exploreBug(t *testing.T, buggy, fixed schedule.RunFunc, bound, fixedBound int) (*schedule.Exploration, *schedule.Exploration) {
	t.Helper()
	opts := schedule.Options{MaxSteps: 100_000}
	e, err := schedule.Explore(buggy, opts, schedule.ExploreOptions{Preemptions: bound})
	if err != nil {
		t.Fatal(err)
	}
	if e.Failure == nil {
		t.Fatalf("the bug was not found: %s", e.Summary(bound))
	}
	t.Logf("buggy: %v; %s", e.Failure, e.Summary(bound))
	f, err := schedule.Explore(fixed, opts, schedule.ExploreOptions{Preemptions: fixedBound})
	if err != nil {
		t.Fatal(err)
	}
	if !f.Complete || f.Failure != nil {
		t.Fatalf("the fix: %s: %v", f.Summary(fixedBound), f.Failure)
	}
	if f.New[1] == 0 {
		t.Errorf("the fixed scenario has no schedule with a preemption: it does not interleave")
	}
	t.Logf("fixed: %s; new schedules per bound %v", f.Summary(fixedBound), f.New)
	return e, f
}

// costlyBound is the bound to verify a program-level scenario's fix to:
// 3, but 1 under -short and -race, where the tens of thousands of
// schedules of bound 3 would take tens of minutes (each schedule builds a
// runtime afresh).
func costlyBound() int {
	if testing.Short() || raceEnabled {
		return 1
	}
	return 3
}

// TestBugGH144513: with the hand-off reintroduced the explorer finds a
// schedule (with 2 preemptions) in which the unported call's critical
// section finds L's mutex handed to a suspended worker; without it every
// schedule up to 3 preemptions of the three threads (36,409 schedules,
// about two minutes; costlyBound) stops the world once per call.
func TestBugGH144513(t *testing.T) {
	file := filepath.Join("testdata", "gh144513.py")
	e, _ := exploreBug(t, handOffScenario(t, file, true), handOffScenario(t, file, false), 3, costlyBound())
	explainBug(t, handOffScenario(t, file, true), e, file, "Thread-1, Thread-2: sections.hold(L)\nMainThread: stw.append(L, 0)", "TestBugGH144513")
}

// TestBugGH118332: with the hand-off reintroduced the explorer finds a
// schedule in which the promoter, resuming its critical section once the
// world is stopped, finds L's mutex handed to the worker the stop
// suspended; without it every schedule up to 3 preemptions of the two
// threads resumes the section at once.
func TestBugGH118332(t *testing.T) {
	file := filepath.Join("testdata", "gh118332.py")
	e, _ := exploreBug(t, handOffScenario(t, file, true), handOffScenario(t, file, false), 3, 3)
	explainBug(t, handOffScenario(t, file, true), e, file, "Thread-1: sections.hold(L)\nMainThread: sections.apply(L, stw.touch)", "TestBugGH118332")
}

// explainBug replays the failing schedule of e with the log on and logs
// the report the explorer's failure makes (docs/testing.md quotes it).
// The report must name the extension calls that took part.
func explainBug(t *testing.T, run schedule.RunFunc, e *schedule.Exploration, file, scenario, test string) {
	t.Helper()
	res, broke, err := run(schedule.Replay(e.Choices), schedule.Options{MaxSteps: 100_000, Log: true})
	if err != nil {
		t.Fatal(err)
	}
	if broke == nil {
		t.Fatalf("the failing schedule %v replays without the failure", e.Choices)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	report := schedule.Explain(res, schedule.ReportInput{Scenario: scenario, Source: src, Broke: broke, Width: 76,
		Replay: "go test ./schedule -run '^" + test + "$' -v"})
	if !strings.Contains(report, "stw.") {
		t.Errorf("the report does not show the unported call:\n%s", report)
	}
	t.Logf("the report:\n%s", report)
}

// lockResumeScenario is gh-151518's shape on the lock alone, without a
// runtime: two promoters each stop the world twice, back to back, while
// a core thread passes safe points. With eml.Bugs.NoResumeTurn a stop can
// suspend the core thread again before it re-attached from the last
// (Stats.Resuspensions). Each run is a few dozen scheduling points, so
// the explorer reaches 3 preemptions where the program-level scenario
// (resumeScenario) cannot.
func lockResumeScenario(bug bool) schedule.RunFunc {
	return func(c schedule.Chooser, opts schedule.Options) (*schedule.Result, error, error) {
		s := schedule.New(c, opts)
		l, err := eml.New(eml.Config{Policy: eml.PolicyEML, Scheduler: s})
		if err != nil {
			return nil, nil, err
		}
		l.SetBugs(eml.Bugs{NoResumeTurn: bug})
		var errs []error
		var mu sync.Mutex
		check := func(err error) {
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}
		main := eml.NewWaiter("main")
		s.Enter(main)
		var wg sync.WaitGroup
		start := func(name string, promotions, polls int) {
			th := l.Register(name)
			wg.Add(1)
			s.Go(name, func() {
				defer wg.Done()
				check(th.Attach())
				for range polls {
					check(th.Poll())
				}
				for range promotions {
					check(th.Promote())
					check(th.Demote())
				}
				check(th.Detach())
				check(th.Close())
			})
		}
		start("promoter-1", 2, 0)
		start("promoter-2", 2, 0)
		start("core", 0, 3)
		s.Leave(main)
		wg.Wait()
		steps, pre := s.Counts()
		runs, threads, _ := s.Trace()
		res := &schedule.Result{Choices: s.Choices(), Preemptions: pre, Steps: steps, Runs: runs, Threads: threads, Aborted: s.Err()}
		if err := s.Err(); err != nil {
			return res, fmt.Errorf("the run was given up: %w", err), nil
		}
		if len(errs) > 0 {
			return res, fmt.Errorf("%v", errs), nil
		}
		if n := l.Stats().Resuspensions; n > 0 {
			return res, fmt.Errorf("a stop-the-world suspended a thread the previous stop had released before it re-attached (%d times): a stream of stops can starve it", n), nil
		}
		return res, nil, nil
	}
}

// TestBugGH151518Lock: on the lock alone the explorer finds the skipped
// resume turn, and verifies the fix for every schedule of the three
// threads up to 3 preemptions.
func TestBugGH151518Lock(t *testing.T) {
	exploreBug(t, lockResumeScenario(true), lockResumeScenario(false), 3, 3)
}
