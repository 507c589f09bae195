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

// ExploreOptions bound an exploration.
type ExploreOptions struct {
	// Preemptions is P: every schedule with at most P preemptions is
	// explored, bound by bound.
	Preemptions int
	// NoReduction turns the partial-order reduction off (for measuring
	// it).
	NoReduction bool
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
	n      int  // alternatives
	stay   bool // a non-zero choice preempts
	local  bool // reduced: only 0 is explored
	chosen int
	pre    int // preemptions before this choice
}

// explorer is the Chooser of one run: it follows the path's prefix, then
// takes 0 and extends the path.
type explorer struct {
	path     []frame
	prefix   int // how many of path's frames the run follows
	pos      int
	reduce   bool
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
	x.path = append(x.path[:i], frame{n: p.N, stay: p.Stay, local: x.reduce && p.Local && p.Stay, pre: pre})
	if x.path[i].local && pre+1 <= x.bound {
		x.pruned += p.N - 1 // alternatives the bound alone would have explored
	}
	return 0
}

// next moves the path to the next schedule within bound, depth first;
// false when there is none.
func (x *explorer) next(bound int) bool {
	for i := len(x.path) - 1; i >= 0; i-- {
		f := &x.path[i]
		if c := f.chosen + 1; c < f.n && !f.local && !(f.stay && f.pre+1 > bound) {
			f.chosen = c
			x.path = x.path[:i+1]
			x.prefix = i + 1
			return true
		}
	}
	return false
}

// Explore explores run's schedules (see the package's notes above).
func Explore(run RunFunc, base Options, opts ExploreOptions) (*Exploration, error) {
	start := time.Now()
	e := &Exploration{Bound: -1}
	base.Reduce = !opts.NoReduction
	base.PreemptionBound = 0 // the explorer bounds preemptions itself
	out := func() (*Exploration, error) {
		e.Elapsed = time.Since(start)
		return e, nil
	}
	for bound := 0; bound <= opts.Preemptions; bound++ {
		e.New = append(e.New, 0)
		x := &explorer{reduce: base.Reduce, bound: bound}
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
			if broke != nil {
				e.Failure, e.Preemptions, e.Result = broke, pre, res
				if res != nil {
					e.Choices = res.Choices
				}
				return out()
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
