package schedule

import (
	"errors"
	"fmt"
	"time"

	"github.com/rwgil/rwgil/core/bytecode"
)

// Exhaustive bounded exploration.
//
// Explore runs a program under every schedule with at most P preemptions,
// for P = 0, 1, ... in turn (as lincheck and Loom do), so that the first
// failure it finds is one with the fewest switches. It is stateless, like
// CHESS: a runtime cannot be copied, so each schedule is a fresh run that
// replays a prefix of choices and then takes the default at every new
// choice point, recording how many alternatives each had; the next
// schedule changes the last choice that still has an alternative within
// the bound, depth first. Choices made where a thread stopped (parked,
// exited) are free; a choice that switches away from a thread that could
// have gone on, or hands the GIL over, is a preemption.
//
// The partial-order reduction is one that stays sound under a preemption
// bound: a switch point at which the running thread is about to run an
// instruction that touches only its own state (Point.Local:
// eml.Step.Local -- locals, the operand stack, constants, values of
// immutable built-in types) is not branched on. Such an instruction
// commutes with every step of every other thread, so each schedule that
// switches before it is equivalent to the one that switches right after
// it -- the same final state, and no more preemptions (fewer, if the
// thread stops there) -- which the search explores. Switches before
// everything else (a load or store of a global, an attribute, a call, a
// safe point, a lock operation) are all explored. Pruned counts the
// alternatives the reduction skipped, Options.Reduce off
// (ExploreOptions.NoReduction) explores them too.
//
// ExploreOptions.DPOR adds a dynamic partial-order reduction keyed by
// objects (Flanagan and Godefroid's DPOR, with the conservative extra
// backtrack points of Coons, Musuvathi and McKinley's BPOR that keep it
// sound under a preemption bound). The Scheduler records each run as
// stretches (Options.Stretches, Stretch): what one task ran from getting
// the baton, or going on at a scheduling point, to its next scheduling
// point or stop. A stretch carries the eml.Step it began at when that
// says all it does: Local (it commutes with everything), or Bounded with
// its Footprint -- one instruction's (a global's or a module attribute's
// load or store: dict slots and counts of non-plain values; a started
// thread's return, through its exit), a safe point's (what is left of a
// Poll that only reads the lock's state, and the instruction after it,
// thread.join's call included), or a region's, which the thread reports
// when it ends (Step.Since: its start through the call of its function,
// a join's wake-up through the call's return). The runtime checks each
// claim where it could go wrong -- a stretch that freed anything may have
// run arbitrary code, and is spoiled -- and a task resumed after a
// preemption gets its step afresh (what it touches may have changed
// while others ran). Every other stretch -- a call, a lock operation, a
// stop-the-world -- may touch anything. Two stretches of different tasks
// are dependent unless one is Local or both are Bounded with footprints
// that do not conflict (eml.Access.Conflicts). Enabling is covered: what
// starts a task (thread.start's call) may touch anything, and what wakes
// a joiner (the joined thread's exit) and the woken wake-up both write
// the handle's running mutex, so the woken stretch happens after the
// waking one; any other wake-up's first stretch may touch anything.
//
// A run takes the default at each new choice point (its backtrack set
// is {0}; a GIL hand-off, whose alternatives are not tasks, gets every
// alternative). After the run, happens-before is computed with vector
// clocks over its stretches (program order, and each dependent earlier
// stretch), and for every stretch k and every earlier stretch j of
// another task that k depends on and that does not happen before k's
// task reached k, k's task goes into the backtrack set of j's choice --
// and, BPOR's addition, of the choice that began j's block (the
// stretches j's task ran without a switch): taking k's task there
// instead switches at a point the run already switched at, so the
// reversed race costs no more preemptions than the run. A task that is
// not an alternative of that choice puts every alternative in. Stretches
// that runnable tasks never ran (the run ended first) count as pending
// stretches at the end. Backtrack sets only grow, and every racing pair
// is taken, not only the latest (a superset of what DPOR needs), so the
// argument is DPOR's: every Mazurkiewicz trace of runs with at most P
// preemptions keeps a representative within the bound (BPOR's theorem),
// hence the same final states and the same first failing bound.
// TestReductionSound checks exactly that against NoReduction on the
// programs of testdata/por. Sleep sets are not used (they are what a
// preemption bound makes unsound).
//
// What it buys is bounded by the footprints: a call of anything but
// thread.join, an unported extension's promotion, a safe point with
// biased counts queued to merge may touch anything, so programs made of
// those (the gh-151518 scenario's two promoting threads) run what the
// Local reduction runs; docs/testing.md has the figures.

// ExploreOptions bound an exploration.
type ExploreOptions struct {
	// Preemptions is P: every schedule with at most P preemptions is
	// explored, bound by bound.
	Preemptions int
	// NoReduction turns the partial-order reduction off (for measuring
	// it and testing it). DPOR adds the footprint-keyed dynamic
	// reduction (see the notes above) to the Local one.
	NoReduction, DPOR bool
	// Visit, if set, sees every run and why it broke the property (nil
	// if it did not); with Continue, a broken run does not end the
	// exploration (to collect every outcome).
	Visit    func(res *Result, broke error)
	Continue bool
	// Budget, if positive, stops the exploration after that long; Runs
	// and MaxRuns likewise after that many runs. The exploration is then
	// incomplete, and says how far it got.
	Budget  time.Duration
	MaxRuns int
	// Stop, if set, stops the exploration when it is closed (SIGINT),
	// as the budget does.
	Stop <-chan struct{}
}

// Exploration is what Explore found.
type Exploration struct {
	// Bound is the largest preemption bound explored completely (-1 if
	// none was); Complete says the exploration reached the bound asked
	// for with no failure: the program is verified for all schedules up
	// to that many preemptions.
	Bound    int
	Complete bool
	// Runs counts the runs, every bound's; New[p] those with exactly p
	// preemptions, the schedules bound p adds (the others were run at a
	// lower bound already).
	Runs int
	New  []int
	// Pruned counts the alternatives the reduction did not branch on at
	// the largest bound explored, each the root of a subtree of schedules
	// not run.
	Pruned int
	// Failure is why the failing run broke its property (nil if none
	// did); Choices is its schedule (replay it), Preemptions its count,
	// Result the run.
	Failure     error
	Choices     []int
	Preemptions int
	Result      *Result
	// Elapsed is how long it took.
	Elapsed time.Duration
}

// PerSecond is the exploration's rate: runs (schedules) per second.
func (e *Exploration) PerSecond() float64 {
	if e.Elapsed <= 0 {
		return 0
	}
	return float64(e.Runs) / e.Elapsed.Seconds()
}

// Summary says in a sentence what the exploration showed.
func (e *Exploration) Summary(asked int) string {
	return e.say(asked, fmt.Sprintf("%d schedules in %v, %.0f a second; %d alternatives pruned by the partial-order reduction",
		e.Runs, e.Elapsed.Round(time.Millisecond), e.PerSecond(), e.Pruned))
}

// Verdict is Summary without the time it took: the same in every run
// (for generated documents).
func (e *Exploration) Verdict(asked int) string {
	return e.say(asked, fmt.Sprintf("%d schedules; %d alternatives pruned by the partial-order reduction", e.Runs, e.Pruned))
}

func (e *Exploration) say(asked int, rate string) string {
	switch {
	case e.Failure != nil:
		return fmt.Sprintf("failed under a schedule with %d preemption%s (%s)", e.Preemptions, plurals(e.Preemptions), rate)
	case e.Complete:
		return fmt.Sprintf("verified for all schedules up to %d preemption%s (%s)", asked, plurals(asked), rate)
	case e.Bound >= 0:
		return fmt.Sprintf("verified for all schedules up to %d preemption%s only: the budget ran out at bound %d (%s)", e.Bound, plurals(e.Bound), e.Bound+1, rate)
	}
	return fmt.Sprintf("not even every schedule without preemptions was run: the budget ran out (%s)", rate)
}

func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func plurals(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// RunFunc runs the program under c, with opts (Explore sets what it
// needs, Reduce, on top of the caller's), and returns why the run broke
// the property checked (nil if it kept it), or an error if the program
// could not be run at all.
type RunFunc func(c Chooser, opts Options) (res *Result, broke error, err error)

// ErrNondeterministic is returned by Explore when a replayed prefix of
// choices met different choice points: the program does not depend on
// its schedule alone (it reads the clock, or real I/O).
var ErrNondeterministic = errors.New("the program ran differently under the same choices: it does not depend on its schedule alone")

// frame is one choice point on the path being explored.
type frame struct {
	n      int   // alternatives
	stay   bool  // a non-zero choice preempts
	tasks  []int // each alternative's task (nil: a GIL hand-off)
	chosen int
	pre    int    // preemptions before this choice
	todo   []bool // the alternatives to explore (the backtrack set)
	done   []bool // those explored
}

// reduction is how the explorer cuts the schedules it runs.
type reduction uint8

const (
	reduceLocal reduction = iota // no branching before Local steps (the default)
	reduceDPOR                   // and races between footprints (ExploreOptions.DPOR)
	reduceNone                   // every schedule
)

// explorer is the Chooser of one run: it follows the path's prefix, then
// takes 0 and extends the path.
type explorer struct {
	path     []frame
	prefix   int // how many of path's frames the run follows
	pos      int
	mode     reduction
	bound    int
	pruned   int
	diverged bool
}

func (x *explorer) Choose(p Point) int {
	i := x.pos
	x.pos++
	if i < x.prefix {
		f := x.path[i]
		if f.n != p.N || f.stay != p.Stay {
			x.diverged = true
			return 0
		}
		return f.chosen
	}
	pre := 0
	if i > 0 {
		f := x.path[i-1]
		pre = f.pre
		if f.stay && f.chosen != 0 {
			pre++
		}
	}
	f := frame{n: p.N, stay: p.Stay, pre: pre, todo: make([]bool, p.N), done: make([]bool, p.N)}
	if p.Tasks != nil {
		f.tasks = append([]int(nil), p.Tasks...)
	}
	f.todo[0], f.done[0] = true, true
	switch {
	case x.mode == reduceNone, x.mode == reduceLocal && !(p.Local && p.Stay), x.mode == reduceDPOR && f.tasks == nil:
		// Every alternative: no reduction, or the reduction does not
		// apply (a GIL hand-off is not a choice of task).
		for c := range f.todo {
			f.todo[c] = true
		}
	}
	x.path = append(x.path[:i], f)
	return 0
}

// within reports whether alternative c of f stays within the bound.
func (f *frame) within(c, bound int) bool { return !(f.stay && c != 0 && f.pre+1 > bound) }

// next moves the path to the next schedule within bound, depth first;
// false when there is none. The frames it leaves count their
// alternatives within the bound that were never explored (pruned).
func (x *explorer) next(bound int) bool {
	for i := len(x.path) - 1; i >= 0; i-- {
		f := &x.path[i]
		for c := 0; c < f.n; c++ {
			if f.todo[c] && !f.done[c] && f.within(c, bound) {
				f.chosen, f.done[c] = c, true
				x.path = x.path[:i+1]
				x.prefix = i + 1
				return true
			}
		}
		for c := 0; c < f.n; c++ {
			if !f.done[c] && f.within(c, bound) {
				x.pruned++
			}
		}
	}
	return false
}

// add puts task p into the backtrack set of the frame of choice ci (see
// races); if p is not among its alternatives, or the choice is not one
// of tasks, every alternative goes in.
func (x *explorer) add(ci, p int) {
	if ci < 0 || ci >= len(x.path) {
		return // no choice there: only one task could run
	}
	f := &x.path[ci]
	for c, t := range f.tasks {
		if t == p {
			f.todo[c] = true
			return
		}
	}
	for c := range f.todo {
		f.todo[c] = true
	}
}

// dependent reports whether stretches a and b, of different tasks, may
// not commute: neither is Local, and either may touch anything or their
// footprints conflict.
func dependent(a, b *Stretch) bool {
	if a.Step.Local || b.Step.Local {
		return false
	}
	if !a.Step.Bounded || !b.Step.Bounded {
		return true
	}
	for _, u := range a.Step.Footprint {
		for _, v := range b.Step.Footprint {
			if u.Conflicts(v) {
				return true
			}
		}
	}
	return false
}

// races is DPOR's step after a run (see the notes above): for every
// stretch k and every earlier stretch j of another task that it depends
// on and that does not happen before k's task got there, k's task goes
// into the backtrack set at j's choice and -- BPOR's conservative
// addition, which keeps the reduction sound under the preemption bound
// -- at the choice that began j's block (the stretches its task ran
// without a switch).
func (x *explorer) races(st []Stretch) {
	n := len(st)
	ntasks := 0
	for i := range st {
		ntasks = max(ntasks, st[i].Task+1)
	}
	// clock[k][u]: how many of task u's stretches happen before stretch k
	// (k's own included); seq[k]: k's number among its task's.
	clock := make([][]int, n)
	seq := make([]int, n)
	last := make([]int, ntasks) // each task's latest stretch so far, -1 if none
	for u := range last {
		last[u] = -1
	}
	byTask := make([][]int, ntasks)
	blockStart := make([]int, n)
	for k := range st {
		p := st[k].Task
		c := make([]int, ntasks)
		if j := last[p]; j >= 0 {
			copy(c, clock[j])
		}
		before := append([]int(nil), c...) // what happens before p got to k
		for u := 0; u < ntasks; u++ {
			if u == p {
				continue
			}
			// u's stretches from the latest back to the first that
			// happens before p's point (those before it do too): each
			// one k depends on races with k; the latest such is the one
			// k's clock joins (the earlier ones happen before it).
			joined := false
			for q := len(byTask[u]) - 1; q >= 0; q-- {
				j := byTask[u][q]
				if before[u] > seq[j] {
					break
				}
				if st[j].Pending || !dependent(&st[j], &st[k]) {
					continue
				}
				x.add(st[j].Choice, p)
				x.add(st[blockStart[j]].Choice, p)
				if !joined {
					for v := range c {
						c[v] = max(c[v], clock[j][v])
					}
					joined = true
				}
			}
		}
		seq[k] = len(byTask[p])
		c[p] = seq[k] + 1
		clock[k] = c
		byTask[p] = append(byTask[p], k)
		last[p] = k
		if k > 0 && st[k-1].Task == p && !st[k].Pending {
			blockStart[k] = blockStart[k-1]
		} else {
			blockStart[k] = k
		}
	}
}

// Explore explores run's schedules (see the package's notes above).
func Explore(run RunFunc, base Options, opts ExploreOptions) (*Exploration, error) {
	start := time.Now()
	e := &Exploration{Bound: -1}
	mode := reduceLocal
	switch {
	case opts.NoReduction:
		mode = reduceNone
	case opts.DPOR:
		mode = reduceDPOR
	}
	base.Reduce = mode != reduceNone
	base.Stretches = mode == reduceDPOR
	base.PreemptionBound = 0 // the explorer bounds preemptions itself
	out := func() (*Exploration, error) {
		e.Elapsed = time.Since(start)
		return e, nil
	}
	for bound := 0; bound <= opts.Preemptions; bound++ {
		e.New = append(e.New, 0)
		x := &explorer{mode: mode, bound: bound}
		for {
			if (opts.Budget > 0 && time.Since(start) > opts.Budget) || (opts.MaxRuns > 0 && e.Runs >= opts.MaxRuns) || closed(opts.Stop) {
				return out()
			}
			x.pos = 0
			res, broke, err := run(x, base)
			if err != nil {
				return nil, err
			}
			if x.diverged {
				return nil, ErrNondeterministic
			}
			if x.pos < len(x.path) {
				x.path = x.path[:x.pos] // the run ended sooner than the path
			}
			if x.prefix > len(x.path) {
				return nil, ErrNondeterministic
			}
			x.prefix = len(x.path)
			e.Runs++
			pre := 0
			if res != nil {
				pre = res.Preemptions
			}
			if pre == bound {
				e.New[bound]++
			}
			if opts.Visit != nil && res != nil {
				opts.Visit(res, broke)
			}
			if broke != nil && !opts.Continue {
				e.Failure, e.Preemptions, e.Result = broke, pre, res
				if res != nil {
					e.Choices = res.Choices
				}
				return out()
			}
			if mode == reduceDPOR && res != nil {
				x.races(res.Stretches)
			}
			if !x.next(bound) {
				break
			}
		}
		e.Pruned = x.pruned
		e.Bound = bound
	}
	e.Complete = true
	return out()
}

// ProgramRun is the RunFunc of a program: it runs code as RunProgram
// does under cfg (whose Options Explore's replace), and checks each run
// with check -- nil checks that the run ended (no deadlock, no step
// limit) without an uncaught exception.
func ProgramRun(code *bytecode.Code, cfg Config, check func(*Result) error) RunFunc {
	if check == nil {
		check = Ended
	}
	return func(c Chooser, opts Options) (*Result, error, error) {
		cfg := cfg
		cfg.Options = opts
		cfg.Stdout, cfg.Stderr = nil, nil
		res, err := RunProgram(code, c, cfg)
		if err != nil {
			return nil, nil, err
		}
		return res, check(res), nil
	}
}

// Ended is the check of a run that must end: it reports a run given up
// (a deadlock, the step limit) or an uncaught exception.
func Ended(res *Result) error {
	switch {
	case res.Aborted != nil:
		return fmt.Errorf("the run was given up: %w", res.Aborted)
	case res.Exception != "":
		return fmt.Errorf("the program raised %s", res.ExceptionType)
	}
	return nil
}
