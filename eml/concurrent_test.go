package eml

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// The concurrent properties run generated programs on real goroutines.
// Every thread alternates safe points with "windows": a stretch of work
// between two safe points, during which it holds the occupancy counter up.
// A window that must be exclusive -- a promoted thread's under eml, any
// GIL holder's -- checks repeatedly that nobody else is inside one.

type opKind int

const (
	opWork           opKind = iota // Poll, then a shared window
	opPromote                      // Promote (nested 1-3 deep), an exclusive window, Demote
	opPromoteBlocked               // Promote, Blocking inside, another window, Demote
	opBlocking                     // Blocking around a short wait
	opReattach                     // Detach, Attach
	opEnableGIL                    // sticky's switch (other policies: a no-op)
)

var opNames = [...]string{"work", "promote", "promote+blocking", "blocking", "reattach", "enable-gil"}

func (k opKind) String() string { return opNames[k] }

type op struct {
	kind  opKind
	depth int // nesting for the promote ops
	spin  int // window length
}

func (o op) String() string { return fmt.Sprintf("%v(d=%d,n=%d)", o.kind, o.depth, o.spin) }

func genOp(policy Policy) *rapid.Generator[op] {
	// Mostly core work, as in real programs; unported calls often enough
	// that every program promotes.
	kinds := []opKind{opWork, opWork, opWork, opWork, opWork, opPromote, opPromote, opPromoteBlocked, opBlocking, opReattach}
	if policy == PolicySticky {
		kinds = append(kinds, opEnableGIL)
	}
	return rapid.Custom(func(t *rapid.T) op {
		return op{
			kind:  rapid.SampledFrom(kinds).Draw(t, "kind"),
			depth: rapid.IntRange(1, 3).Draw(t, "depth"),
			spin:  rapid.IntRange(50, 400).Draw(t, "spin"),
		}
	})
}

// run is one execution of a generated program, and what it observed.
type run struct {
	l   *Lock
	occ atomic.Int64 // threads inside a window

	violations  atomic.Int64 // windows that had to be exclusive and saw company
	exclusive   atomic.Int64 // windows that had to be exclusive
	unprotected atomic.Int64 // promoted windows the policy does not protect that saw company
	overlaps    atomic.Int64 // shared windows that saw company (real parallelism)

	// What the program did, for checking Stats after.
	attaches, outerPromotes, blockedPromotes atomic.Int64
	enabledGIL                               atomic.Bool
}

// window holds occupancy for about spin steps of work, checking at every
// step whether another thread is inside one too. th is attached and just
// passed a safe point; promoted says it is inside an unported call.
func (r *run) window(th *Thread, spin int, promoted bool) {
	// A GIL holder is alone until its next safe point; so is an eml
	// promoter until it demotes. Under free (and sticky before its switch)
	// a promoted window is not protected: company there is the breakage
	// the policy exists to show.
	mustBeAlone := th.HoldsGIL() || (promoted && (r.l.policy == PolicyEML || r.l.policy == PolicyAdaptive))
	if mustBeAlone {
		r.exclusive.Add(1)
	}
	alone := r.occ.Add(1) == 1
	for i := 0; i < spin; i++ {
		for j := 0; j < windowStep; j++ {
			alone = alone && r.occ.Load() == 1
		}
		if i == spin/2 {
			// Let the processor go in the middle of the window (a yield is
			// not a safe point): another thread that may run now runs its
			// own window here even when both share one core, so company
			// -- where the policy allows it -- does not depend on two
			// cores being free at the same moment.
			th.Yield()
		}
	}
	switch {
	case alone:
	case mustBeAlone:
		r.violations.Add(1)
	case promoted:
		r.unprotected.Add(1)
	default:
		r.overlaps.Add(1)
	}
	r.occ.Add(-1)
}

// windowStep is the work in one step of a window (a few ns each), so that
// windows last microseconds and overlap on real cores.
const windowStep = 20

func (r *run) thread(th *Thread, prog []op, start *startLine) {
	must := func(err error) {
		if err != nil {
			panic(err) // a real goroutine: the watchdog reports it
		}
	}
	start.wait()
	must(th.Attach())
	r.attaches.Add(1)
	for _, o := range prog {
		must(th.Poll())
		switch o.kind {
		case opWork:
			r.window(th, o.spin, false)
		case opPromote, opPromoteBlocked:
			for i := 0; i < o.depth; i++ {
				must(th.Promote())
			}
			r.outerPromotes.Add(1)
			r.window(th, o.spin, true)
			if o.kind == opPromoteBlocked {
				must(th.Blocking(func() { time.Sleep(time.Duration(o.spin) * time.Nanosecond) }))
				r.blockedPromotes.Add(1)
				r.window(th, o.spin, true)
			}
			must(th.Poll()) // a safe point inside an unported call: no effect
			for i := 0; i < o.depth; i++ {
				must(th.Demote())
			}
		case opBlocking:
			must(th.Blocking(func() {
				for i := 0; i < o.spin; i++ {
					_ = i * i
				}
			}))
		case opReattach:
			must(th.Detach())
			must(th.Attach())
			r.attaches.Add(1)
		case opEnableGIL:
			must(th.EnableGIL("generated"))
			r.enabledGIL.Store(true)
		}
	}
	must(th.Detach())
	must(th.Close())
}

// startLine releases n goroutines at once, once all of them are running:
// they spin rather than block at it, so that they are running, not waking,
// when it opens.
type startLine struct {
	n       int64
	arrived atomic.Int64
	open    atomic.Bool
}

func (s *startLine) wait() {
	if s.arrived.Add(1) == s.n {
		s.open.Store(true)
	}
	for !s.open.Load() {
		runtime.Gosched()
	}
}

// watchdog waits for wg, failing with every thread's state if it takes
// longer than a generous limit (a deadlock, not a slow machine).
func watchdog(t rapid.TB, l *Lock, wg *sync.WaitGroup, what string) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		var b strings.Builder
		for _, i := range l.Threads() {
			fmt.Fprintf(&b, "\n  %v", i)
		}
		panic(fmt.Sprintf("%s did not terminate in 60s; threads:%s", what, b.String()))
	}
}

// tally is what a whole rapid run observed, for asserting that the
// interleavings a property depends on really happened.
type tally struct {
	runs, violations, exclusive, unprotected, overlaps, parks, stops, switches int64
	modeSwitches                                                               int64 // adaptive's
}

func runProgram(t *rapid.T, policy Policy, kind MutexKind, tl *tally) {
	var sched Scheduler
	if rapid.IntRange(0, 3).Draw(t, "custom scheduler") == 0 {
		sched = yieldingScheduler{}
	}
	l, err := New(Config{Policy: policy, Mutex: kind, Scheduler: sched, SwitchInterval: 20 * time.Microsecond})
	if err != nil {
		t.Fatal(err)
	}
	if policy == PolicyAdaptive {
		// Switch at every k-th point the lock asks (0: leave it to the
		// cost model), so that switches land while the other threads are
		// anywhere: promoted, blocked, parked, queued for the GIL.
		if k := rapid.IntRange(0, 6).Draw(t, "switch every"); k > 0 {
			var asked atomic.Int64
			l.switcher = func(*Waiter) bool { return asked.Add(1)%int64(k) == 0 }
		}
	}
	n := rapid.IntRange(2, 8).Draw(t, "threads")
	progs := make([][]op, n)
	for i := range progs {
		// At least a few ops each, so that on two cores the threads'
		// lifetimes overlap whatever sizes rapid favours.
		progs[i] = rapid.SliceOfN(genOp(policy), 8, 40).Draw(t, fmt.Sprintf("thread %d", i))
	}
	r := &run{l: l}
	start := &startLine{n: int64(n)}
	var wg sync.WaitGroup
	for i, prog := range progs {
		th := l.Register(fmt.Sprintf("t%d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.thread(th, prog, start)
		}()
	}
	watchdog(t, l, &wg, fmt.Sprintf("%v/%v program", policy, kind))

	s := l.Stats()
	if policy != PolicyFree && r.violations.Load() > 0 {
		t.Fatalf("%d of %d windows that must be exclusive saw another thread inside (stats %+v)", r.violations.Load(), r.exclusive.Load(), s)
	}
	if s.Promotions != s.Demotions {
		t.Fatalf("promotions %d != demotions %d", s.Promotions, s.Demotions)
	}
	if s.Attaches != uint64(r.attaches.Load()) {
		t.Fatalf("Stats.Attaches = %d, the threads attached %d times", s.Attaches, r.attaches.Load())
	}
	wantStops := int64(0)
	switch policy {
	case PolicyEML:
		wantStops = r.outerPromotes.Load() + r.blockedPromotes.Load()
	case PolicySticky:
		if r.enabledGIL.Load() {
			wantStops = 1
		}
	}
	if policy == PolicyAdaptive {
		// Every stop is a promotion's in eml mode (a switch to the GIL
		// inside it adds none) or a switch to the GIL at a safe point; a
		// promotion in GIL mode stops nobody.
		a := s.Adaptive
		max := r.outerPromotes.Load() + r.blockedPromotes.Load() + int64(a.ToGIL)
		if int64(s.Stops) > max || a.ToGIL < a.ToEML || a.ToGIL > a.ToEML+1 || a.GILMode != (a.ToGIL > a.ToEML) {
			t.Fatalf("adaptive: %d stops (at most %d), %d switches to the GIL and %d back, GIL mode %v: they do not add up", s.Stops, max, a.ToGIL, a.ToEML, a.GILMode)
		}
		tl.modeSwitches += int64(a.ToGIL + a.ToEML)
	} else if int64(s.Stops) != wantStops {
		t.Fatalf("Stats.Stops = %d, want %d", s.Stops, wantStops)
	}
	if s.Parks > s.Stops*uint64(n) {
		t.Fatalf("Stats.Parks = %d > stops %d x threads %d: a thread parked twice for one stop", s.Parks, s.Stops, n)
	}
	if s.Threads != 0 || s.CurrentDepth != 0 {
		t.Fatalf("after every thread closed: %d threads, depth %d", s.Threads, s.CurrentDepth)
	}
	tl.runs++
	tl.violations += r.violations.Load()
	tl.exclusive += r.exclusive.Load()
	tl.unprotected += r.unprotected.Load()
	tl.overlaps += r.overlaps.Load()
	tl.parks += int64(s.Parks)
	tl.stops += int64(s.Stops)
	tl.switches += int64(s.Switches)
}

// TestExclusion: while a thread is exclusive (promoted under eml, holding
// the GIL) no other thread is between two safe points; under free the same
// check must fail; every program terminates and its stats add up. Every
// policy, for each mutex kind. The evidence that the interleavings the
// property depends on happened is pooled over the mutex kinds.
func TestExclusion(t *testing.T) {
	for _, policy := range Policies() {
		var pooled tally
		for _, kind := range MutexKinds() {
			t.Run(fmt.Sprintf("%v/%v", policy, kind), func(t *testing.T) {
				var tl tally
				rapid.Check(t, func(rt *rapid.T) { runProgram(rt, policy, kind, &tl) })
				t.Logf("%d programs: %d exclusive windows, %d violated; %d unprotected promoted windows saw company; %d shared windows overlapped; %d stops, %d parks, %d GIL switches, %d mode switches",
					tl.runs, tl.exclusive, tl.violations, tl.unprotected, tl.overlaps, tl.stops, tl.parks, tl.switches, tl.modeSwitches)
				pooled.add(tl)
			})
		}
		if !t.Failed() && pooled.runs > 0 {
			moreEvidence(t, policy, &pooled)
		}
		switch {
		case t.Failed() || pooled.runs == 0: // failed, or filtered out by -run
		case policy == PolicyFree && pooled.unprotected == 0:
			t.Errorf("free: in %d programs (run for up to %v, every window yielding in its middle) no promoted window ever saw another thread; the check is not exercising concurrency", pooled.runs, exclusionBudget)
		case policy == PolicyEML && (pooled.overlaps == 0 || pooled.parks == 0):
			t.Errorf("eml: in %d programs (run for up to %v, every window yielding in its middle) shared windows overlapped %d times and threads parked %d times; want both > 0", pooled.runs, exclusionBudget, pooled.overlaps, pooled.parks)
		case policy == PolicyGIL && pooled.switches == 0:
			t.Errorf("gil: in %d programs (run for up to %v) the GIL never changed hands", pooled.runs, exclusionBudget)
		case policy == PolicyAdaptive && (pooled.modeSwitches == 0 || pooled.overlaps == 0 || pooled.parks == 0):
			t.Errorf("adaptive: in %d programs (run for up to %v) the lock switched mode %d times, shared windows overlapped %d times and threads parked %d times; want all > 0", pooled.runs, exclusionBudget, pooled.modeSwitches, pooled.overlaps, pooled.parks)
		}
	}
}

// moreEvidence goes on running generated programs of policy, every kind
// in turn, until the evidence TestExclusion asks for has been seen or
// exclusionBudget has passed: on a loaded machine the first programs may
// show none.
func moreEvidence(t *testing.T, policy Policy, pooled *tally) {
	seen := func() bool {
		switch policy {
		case PolicyFree:
			return pooled.unprotected > 0
		case PolicyEML:
			return pooled.overlaps > 0 && pooled.parks > 0
		case PolicyGIL:
			return pooled.switches > 0
		case PolicyAdaptive:
			return pooled.modeSwitches > 0 && pooled.overlaps > 0 && pooled.parks > 0
		}
		return true
	}
	deadline := time.Now().Add(exclusionBudget)
	for extra := 0; !seen() && time.Now().Before(deadline); extra++ {
		kind := MutexKinds()[extra%len(MutexKinds())]
		var tl tally
		rapid.Check(t, func(rt *rapid.T) { runProgram(rt, policy, kind, &tl) })
		pooled.add(tl)
		if t.Failed() {
			return
		}
	}
}

// exclusionBudget bounds moreEvidence.
const exclusionBudget = 60 * time.Second

func (tl *tally) add(o tally) {
	tl.runs += o.runs
	tl.violations += o.violations
	tl.exclusive += o.exclusive
	tl.unprotected += o.unprotected
	tl.overlaps += o.overlaps
	tl.parks += o.parks
	tl.stops += o.stops
	tl.switches += o.switches
	tl.modeSwitches += o.modeSwitches
}

// TestFreeBreaksExclusion: the directed form of the free half of
// TestExclusion. Two threads on two cores, one promoting around a long
// window, one working: under free the promoted window must see the other
// thread (the breakage the policy exists to show); under eml never. Runs
// the scenario until the counterexample shows, up to a bound.
func TestFreeBreaksExclusion(t *testing.T) {
	for _, policy := range []Policy{PolicyFree, PolicyEML} {
		t.Run(policy.String(), func(t *testing.T) {
			deadline := time.Now().Add(exclusionBudget)
			var found int64
			var tries int
			for tries = 1; tries == 1 || time.Now().Before(deadline); tries++ {
				l, _ := New(Config{Policy: policy})
				r := &run{l: l}
				var wg sync.WaitGroup
				progs := [][]op{
					{{kind: opPromote, depth: 1, spin: 2000}},
					{{kind: opWork, spin: 2000}, {kind: opWork, spin: 2000}},
				}
				start := &startLine{n: int64(len(progs))}
				for i, prog := range progs {
					th := l.Register(fmt.Sprint("t", i))
					wg.Add(1)
					go func() { defer wg.Done(); r.thread(th, prog, start) }()
				}
				watchdog(t, l, &wg, "two-thread scenario")
				if r.violations.Load() > 0 {
					t.Fatalf("%v: a promoted window saw another thread inside", policy)
				}
				found += r.unprotected.Load()
				if policy == PolicyFree && found > 0 {
					break
				}
				if policy == PolicyEML && tries == 20 {
					break // enough to show it holds; TestExclusion does the rest
				}
			}
			t.Logf("%v: %d tries, %d promoted windows saw company", policy, tries, found)
			if policy == PolicyFree && found == 0 {
				t.Fatalf("free: %d tries in %v (threads released together, windows yielding in their middle) and no promoted window ever saw the other thread", tries, exclusionBudget)
			}
		})
	}
}
